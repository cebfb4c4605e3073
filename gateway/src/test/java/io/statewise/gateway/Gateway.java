package io.statewise.gateway;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * How the gateway's tests reach a started gateway: a {@link WebTestClient} bound to its
 * port (docs/adr/0026), and the requests several test classes send, each spelled once.
 */
final class Gateway {

	/** The product whose restock the tests send. */
	static final String RESTOCK = "/api/catalog/products/TEA-001/restock";

	/**
	 * Idle connections are dropped after 1 s, well before the gateway under test drops
	 * them ({@code server.netty.idle-timeout=3s} in {@link GatewayTest}): never a request
	 * on a connection the server is closing.
	 */
	private static final ConnectionProvider CONNECTIONS = ConnectionProvider.builder("gateway-tests")
		.maxConnections(64)
		.maxIdleTime(Duration.ofSeconds(1))
		.build();

	private Gateway() {
	}

	/** A client for the gateway (or its management server) listening on this port. */
	static WebTestClient client(int port) {
		HttpClient http = HttpClient.create(CONNECTIONS).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
			.baseUrl(base(port))
			.responseTimeout(Duration.ofSeconds(20))
			// the metrics page is larger than the default 256 KB
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	/** A user's orders: {@code GET /api/orders} with their session cookie. */
	static ResponseSpec orders(WebTestClient client, String session) {
		return client.get().uri("/api/orders").cookie("SESSION", session).exchange();
	}

	/** A JSON body posted as the store's pages post it; headers may follow. */
	static RequestHeadersSpec<?> post(WebTestClient client, String path, String json) {
		return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json);
	}

	/** A restock of {@link #RESTOCK} with this body; headers may follow. */
	static RequestHeadersSpec<?> restock(WebTestClient client, String json) {
		return post(client, RESTOCK, json);
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

}
