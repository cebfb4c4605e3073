package io.statewise.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Session {@code memory} mode: one switch keeps a browser on its session-service
 * instance.
 */
@GatewayTest
@TestPropertySource(properties = "statewise.gateway.session-mode=memory")
class StickySessionTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void aBrowserShouldStayOnTheSessionServiceInstanceItFirstReached() {
		for (WireMockServer server : new WireMockServer[] { Backends.SESSIONS, Backends.SESSIONS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));
		}
		WebTestClient client = Gateway.client(this.port);
		HttpHeaders first = client.get().uri("/api/cart").exchange().expectBody().returnResult().getResponseHeaders();
		String instance = first.getFirst("X-Served-By");
		String cookie = first.get(HttpHeaders.SET_COOKIE)
			.stream()
			.filter((value) -> value.startsWith("sc-lb-instance-id="))
			.findFirst()
			.orElseThrow()
			.split(";")[0];
		for (int i = 0; i < 6; i++) {
			client.get()
				.uri("/api/cart")
				.header(HttpHeaders.COOKIE, cookie)
				.exchange()
				.expectHeader()
				.valueEquals("X-Served-By", instance);
		}
	}

}
