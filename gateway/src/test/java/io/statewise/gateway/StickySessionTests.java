package io.statewise.gateway;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

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
		HttpResponse<String> first = new Http(this.port).get("/api/cart");
		String instance = Http.header(first, "X-Served-By");
		String cookie = first.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((value) -> value.startsWith("sc-lb-instance-id="))
			.findFirst()
			.orElseThrow()
			.split(";")[0];
		for (int i = 0; i < 6; i++) {
			assertThat(Http.header(new Http(this.port).get("/api/cart", "Cookie", cookie), "X-Served-By"))
				.isEqualTo(instance);
		}
	}

}
