package io.statewise.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.statewise.testkit.Answers;
import io.statewise.testkit.TestClients;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/**
 * A browser as far as session-service can tell: a {@link RestTestClient} (docs/adr/0026)
 * that keeps the {@code SESSION} cookie it was given and sends it back, to whichever
 * instance it talks to. The cookie is kept by hand because it is {@code Secure} and tests
 * speak plain HTTP, so no cookie store would send it; {@code X-Forwarded-For} stands in
 * for the client address the gateway passes. One browser may send from many threads (one
 * shopper, many tabs): the cookie is read and replaced whole.
 */
public final class Browser {

	private static final String COOKIE = "SESSION=";

	private final RestTestClient client;

	private volatile @Nullable String session;

	public Browser(String address) {
		this.client = TestClients.unbound()
			.defaultHeader("X-Forwarded-For", address)
			.requestInterceptor(this::withSessionCookie)
			.build();
	}

	/**
	 * The client, with this browser's address and cookie, for what the requests below do
	 * not send: another content type, more headers, a URI sent as it is
	 * ({@code TestClients.exactly}).
	 */
	public RestTestClient client() {
		return this.client;
	}

	public @Nullable String session() {
		return this.session;
	}

	public void session(@Nullable String session) {
		this.session = session;
	}

	/**
	 * The Redis key of this browser's session: the cookie carries the session id
	 * Base64-encoded, as Spring Session's default does.
	 */
	public String sessionKey() {
		String session = this.session;
		if (session == null) {
			throw new IllegalStateException("no session cookie yet");
		}
		return "statewise:session:fenced:" + new String(Base64.getDecoder().decode(session), StandardCharsets.UTF_8);
	}

	/** A GET of a path, a URI template: {@code get(port, "/api/account/me")}. */
	public ResponseSpec get(int port, String path) {
		return this.client.get().uri(url(port) + path).exchange();
	}

	public ResponseSpec post(int port, String path, String json) {
		return post(port, path, json, MediaType.APPLICATION_JSON_VALUE);
	}

	/** A POST of a body declared as any content type, even one a body cannot be. */
	public ResponseSpec post(int port, String path, String body, String contentType) {
		return this.client.post()
			.uri(url(port) + path)
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.body(body)
			.exchange();
	}

	/** A POST without a body. */
	public ResponseSpec post(int port, String path) {
		return this.client.post().uri(url(port) + path).exchange();
	}

	public ResponseSpec put(int port, String path, String json) {
		return this.client.put().uri(url(port) + path).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
	}

	public ResponseSpec delete(int port, String path) {
		return this.client.delete().uri(url(port) + path).exchange();
	}

	public ResponseSpec login(int port, String json) {
		return post(port, "/api/session/login", json);
	}

	public ResponseSpec addLine(int port, String productId, int quantity) {
		return post(port, "/api/cart/lines", line(productId, quantity));
	}

	public ResponseSpec cart(int port) {
		return get(port, "/api/cart");
	}

	/** The cart's total quantity: fails unless the cart is answered. */
	public int totalQuantity(int port) {
		return Answers.read(cart(port).expectStatus().isOk(), "$.totalQuantity");
	}

	/** What the gateway asks: whose session this cookie is. */
	public ResponseSpec introspect(int port) {
		return get(port, "/internal/session");
	}

	/** The body of a cart line: {@code {"productId":"TEA-001","quantity":2}}. */
	public static String line(String productId, int quantity) {
		return "{\"productId\":\"%s\",\"quantity\":%d}".formatted(productId, quantity);
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	/**
	 * Sends the cookie this browser holds, and keeps the one the answer sets: an empty
	 * value clears it.
	 */
	private ClientHttpResponse withSessionCookie(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String session = this.session;
		if (session != null) {
			request.getHeaders().add(HttpHeaders.COOKIE, COOKIE + session);
		}
		ClientHttpResponse response = execution.execute(request, body);
		for (String cookie : response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE)) {
			if (cookie.startsWith(COOKIE)) {
				int end = cookie.indexOf(';');
				String value = cookie.substring(COOKIE.length(), (end >= 0) ? end : cookie.length());
				this.session = value.isEmpty() ? null : value;
			}
		}
		return response;
	}

}
