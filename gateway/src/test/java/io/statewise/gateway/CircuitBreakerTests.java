package io.statewise.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A failing or slow service is answered for by its fallback, and left alone while its
 * circuit is open.
 */
@GatewayTest
class CircuitBreakerTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void repeatedFailuresShouldOpenTheCircuitAndStopCallingTheService() {
		String session = Backends.loggedIn("erin");
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(502)));
		}
		for (int i = 0; i < 4; i++) {
			assertThat(http().get("/api/orders", "Cookie", "SESSION=" + session).statusCode()).isEqualTo(503);
		}
		// WireMock may journal a request just after answering it
		await().atMost(Duration.ofSeconds(5)).until(() -> orderGets() == 4);
		HttpResponse<String> fallback = http().get("/api/orders", "Cookie", "SESSION=" + session);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> orderGets() == 4);
		assertThat(fallback.statusCode()).isEqualTo(503);
		assertThat(Http.isProblem(fallback)).isTrue();
		assertThat(Http.json(fallback).path("title").asString()).isEqualTo("Orders are unavailable");
		assertThat(Http.json(fallback).path("detail").asString()).contains("paused");
		assertThat(Http.header(fallback, "Retry-After")).isEqualTo("5");
	}

	@Test
	void aServiceSlowerThanItsTimeLimitShouldBeAnsweredByTheFallback() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories"))
				.willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
		}
		HttpResponse<String> response = http().get("/api/catalog/categories");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(Http.isProblem(response)).isTrue();
		assertThat(Http.json(response).path("title").asString()).isEqualTo("The catalog is unavailable");
		assertThat(Http.header(response, "Retry-After")).isNotNull();
	}

	@Test
	void aServiceUnavailableOnEveryInstanceShouldBeAnsweredByTheFallback() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(503)));
		}
		HttpResponse<String> response = http().get("/api/catalog/categories");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(Http.json(response).path("service").asString()).isEqualTo("inventory-service");
		assertThat(Http.json(response).path("detail").asString()).contains("answered");
		assertThat(Http.header(response, "Retry-After")).isEqualTo("1");
	}

	private static int orderGets() {
		RequestPatternBuilder orders = getRequestedFor(urlPathEqualTo("/orders"));
		return Backends.count(Backends.ORDERS_A, orders) + Backends.count(Backends.ORDERS_B, orders);
	}

	private Http http() {
		return new Http(this.port);
	}

}
