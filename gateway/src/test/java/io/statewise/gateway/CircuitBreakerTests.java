package io.statewise.gateway;

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
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.statewise.gateway.Problems.expectProblem;
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
			Gateway.orders(client(), session).expectStatus().isEqualTo(503);
		}
		// WireMock may journal a request just after answering it
		await().atMost(Duration.ofSeconds(5)).until(() -> orderGets() == 4);
		ResponseSpec fallback = Gateway.orders(client(), session);
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> orderGets() == 4);
		fallback.expectHeader().valueEquals("Retry-After", "60");
		expectProblem(fallback, 503).jsonPath("$.title")
			.isEqualTo("Orders are unavailable")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("paused"));
	}

	@Test
	void aServiceSlowerThanItsTimeLimitShouldBeAnsweredByTheFallback() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories"))
				.willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
		}
		ResponseSpec response = client().get().uri("/api/catalog/categories").exchange();
		response.expectHeader().exists("Retry-After");
		expectProblem(response, 504).jsonPath("$.title")
			.isEqualTo("The catalog is unavailable")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("same key"));
	}

	/**
	 * Session-service ignores Idempotency-Key: repeating a cart write with it may add
	 * twice.
	 */
	@Test
	void aTimeLimitOnARouteThatIgnoresIdempotencyKeysShouldNotAdviseRepeatingWithTheKey() {
		Backends.SESSIONS.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{}").withFixedDelay(3000)));
		client().get()
			.uri("/api/cart")
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Accounts and carts are unavailable")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).doesNotContain("Idempotency-Key"));
	}

	@Test
	void aServiceUnavailableOnEveryInstanceShouldBeAnsweredByTheFallback() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(503)));
		}
		client().get()
			.uri("/api/catalog/categories")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "1")
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo("inventory-service")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("answered"));
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
			client().get().uri("/api/catalog/products/NUL").exchange().expectStatus().isEqualTo(503);
			client().get().uri("/api/catalog/products/bad").exchange().expectStatus().isEqualTo(400);
		}
		assertThat(this.breakers.circuitBreaker("inventory-service").getState()).isEqualTo(State.CLOSED);
		client().get().uri("/api/catalog/products/TEA-001").exchange().expectStatus().isOk();
	}

	@Test
	void theServicesOwnProblemShouldReachTheClientUnchanged() {
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/products/NUL")).willReturn(problem(503)));
		client().get()
			.uri("/api/catalog/products/NUL")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "7")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Told by the service");
	}

	@Test
	void aServiceAnsweringUnavailableWithoutAProblemShouldOpenTheCircuit() {
		stubBothInventoryInstances(
				get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(503)));
		for (int i = 0; i < 4; i++) {
			client().get().uri("/api/catalog/categories").exchange().expectStatus().isEqualTo(503);
		}
		assertThat(this.breakers.circuitBreaker("inventory-service").getState()).isEqualTo(State.OPEN);
	}

	@Test
	void aServiceBreakingOffEveryConnectionShouldOpenTheCircuit() {
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/categories"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		for (int i = 0; i < 4; i++) {
			client().get().uri("/api/catalog/categories").exchange().expectStatus().isEqualTo(502);
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

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
