package io.statewise.gateway;

import io.statewise.gateway.routing.SessionAffinity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpCookie;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.reactive.server.HeaderAssertions;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session {@code redis} mode, the default: every {@code /api} answer says so, and a
 * session is never tied to an instance, so it can never be lost with one.
 */
@GatewayTest
class SessionModeTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	SessionAffinity affinity;

	@Test
	void routedAnswersShouldSayTheSessionModeIsRedis() {
		Backends.SESSIONS.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));

		sessionMode("/api/cart").valueEquals("X-Session-Mode", "redis");
	}

	@Test
	void theGatewaysOwnRefusalsShouldSayTheSessionModeToo() {
		sessionMode("/api/nowhere").valueEquals("X-Session-Mode", "redis");
		sessionMode("/api/orders").valueEquals("X-Session-Mode", "redis");
	}

	@Test
	void answersOutsideTheApiShouldNotCarryIt() {
		sessionMode("/internal/session").doesNotExist("X-Session-Mode");
	}

	@Test
	void aSessionShouldHaveNoHolderInstanceInRedisMode() {
		MockServerHttpRequest request = MockServerHttpRequest.get("/api/cart")
			.cookie(new HttpCookie("SESSION", "s"),
					new HttpCookie("sc-lb-instance-id", Backends.instanceId(Backends.SESSIONS)))
			.build();

		assertThat(this.affinity.holder(request)).isNull();
	}

	private HeaderAssertions sessionMode(String path) {
		return Gateway.client(this.port).get().uri(path).exchange().expectHeader();
	}

}
