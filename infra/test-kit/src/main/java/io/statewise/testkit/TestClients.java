package io.statewise.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * {@code RestTestClient}s for tests that send to a server by its port (a second instance,
 * a started process, the local stack; docs/adr/0026), on the JDK's client as the tests
 * always were: 5 s to connect, 30 s for an answer, no cookie store (a test that plays a
 * browser keeps its cookies itself: the session cookie is {@code Secure} and tests speak
 * plain HTTP) and no {@code Accept-Encoding}.
 */
public final class TestClients {

	private static final JdkClientHttpRequestFactory REQUESTS = requests(Duration.ofSeconds(5), Duration.ofSeconds(30));

	private TestClients() {
	}

	/** A client bound to {@code http://127.0.0.1:<port>}. */
	public static RestTestClient to(int port) {
		return builder(port).build();
	}

	/**
	 * A client bound to {@code http://127.0.0.1:<port>} that waits otherwise (a poll
	 * gives up sooner).
	 */
	public static RestTestClient to(int port, Duration connect, Duration answer) {
		return RestTestClient.bindToServer(requests(connect, answer)).baseUrl(base(port)).build();
	}

	/**
	 * A builder bound to {@code http://127.0.0.1:<port>}, for a client with more manners.
	 */
	public static RestTestClient.Builder<?> builder(int port) {
		return RestTestClient.bindToServer(REQUESTS).baseUrl(base(port));
	}

	/** A builder bound to no server: every request names an absolute URI. */
	public static RestTestClient.Builder<?> unbound() {
		return RestTestClient.bindToServer(REQUESTS);
	}

	private static JdkClientHttpRequestFactory requests(Duration connect, Duration answer) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(connect).build());
		requests.setReadTimeout(answer);
		// as the tests always sent: no Accept-Encoding, answers read as they come
		requests.enableCompression(false);
		return requests;
	}

	/**
	 * A path and query on {@code 127.0.0.1:<port>} exactly as written: a URI string given
	 * to the client is a template and would be encoded again ({@code %00} sent as
	 * {@code %2500}).
	 */
	public static URI exactly(int port, String pathAndQuery) {
		return URI.create(base(port) + pathAndQuery);
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

}
