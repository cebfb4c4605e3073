package io.statewise.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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

	@Autowired
	CircuitBreakerRegistry breakers;

	@Test
	void repeatedFailuresShouldOpenTheCircuitAndStopCallingTheService() {
		String session = Backends.loggedIn("erin");
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(aResponse().withStatus(502)));
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
		assertThat(Http.header(fallback, "Retry-After")).isEqualTo("60");
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
		assertThat(Http.json(response).path("detail").asString()).contains("same key");
		assertThat(Http.header(response, "Retry-After")).isNotNull();
	}

	/**
	 * Session-service ignores Idempotency-Key: repeating a cart write with it may add
	 * twice.
	 */
	@Test
	void aTimeLimitOnARouteThatIgnoresIdempotencyKeysShouldNotAdviseRepeatingWithTheKey() {
		Backends.SESSIONS.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{}").withFixedDelay(3000)));
		HttpResponse<String> response = http().get("/api/cart");
		assertThat(response.statusCode()).isEqualTo(504);
		assertThat(Http.json(response).path("title").asString()).isEqualTo("Accounts and carts are unavailable");
		assertThat(Http.json(response).path("detail").asString()).doesNotContain("Idempotency-Key");
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

	/**
	 * The problems a service composes for one client's requests (its 400s, and a 503 it
	 * chose for bad input, as session-service once did for a NUL in a login's email) are
	 * answers about those requests, not about the service: they must never pause the
	 * route for everyone else.
	 */
	@Test
	void aFloodOfRequestsTheServiceAnswersWithItsOwnProblemsShouldLeaveTheCircuitClosed() {
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/products/NUL")).willReturn(problem(503)));
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/products/bad")).willReturn(problem(400)));
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/products/TEA-001")).willReturn(okJson("{}")));
		for (int i = 0; i < 10; i++) {
			assertThat(http().get("/api/catalog/products/NUL").statusCode()).isEqualTo(503);
			assertThat(http().get("/api/catalog/products/bad").statusCode()).isEqualTo(400);
		}
		assertThat(this.breakers.circuitBreaker("inventory-service").getState()).isEqualTo(State.CLOSED);
		assertThat(http().get("/api/catalog/products/TEA-001").statusCode()).isEqualTo(200);
	}

	@Test
	void theServicesOwnProblemShouldReachTheClientUnchanged() {
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/products/NUL")).willReturn(problem(503)));
		HttpResponse<String> response = http().get("/api/catalog/products/NUL");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(Http.json(response).path("title").asString()).isEqualTo("Told by the service");
		assertThat(Http.header(response, "Retry-After")).isEqualTo("7");
	}

	@Test
	void aServiceAnsweringUnavailableWithoutAProblemShouldOpenTheCircuit() {
		stubBothInventoryInstances(
				get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(503)));
		for (int i = 0; i < 4; i++) {
			assertThat(http().get("/api/catalog/categories").statusCode()).isEqualTo(503);
		}
		assertThat(this.breakers.circuitBreaker("inventory-service").getState()).isEqualTo(State.OPEN);
	}

	@Test
	void aServiceBreakingOffEveryConnectionShouldOpenTheCircuit() {
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/categories"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		for (int i = 0; i < 4; i++) {
			assertThat(http().get("/api/catalog/categories").statusCode()).isEqualTo(502);
		}
		assertThat(this.breakers.circuitBreaker("inventory-service").getState()).isEqualTo(State.OPEN);
	}

	private static ResponseDefinitionBuilder problem(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/problem+json")
			.withHeader("Retry-After", "7")
			.withBody("{\"title\":\"Told by the service\",\"status\":" + status + "}");
	}

	private static void stubBothInventoryInstances(MappingBuilder stub) {
		Backends.INVENTORY_A.stubFor(stub);
		Backends.INVENTORY_B.stubFor(stub);
	}

	private static int orderGets() {
		RequestPatternBuilder orders = getRequestedFor(urlPathEqualTo("/api/orders"));
		return Backends.count(Backends.ORDERS_A, orders) + Backends.count(Backends.ORDERS_B, orders);
	}

	private Http http() {
		return new Http(this.port);
	}

}
