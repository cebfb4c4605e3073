package io.statewise.order;

import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.body;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@OrderTest
class ObservabilityTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	ApplicationContext context;

	@Test
	void ordersCheckoutLatencyBacklogAndCircuitBreakerShouldBeExportedToPrometheus() {
		Shop shop = new Shop(this.port, this.context);
		shop.healthyInventory();
		shop.checkout(user(), key(), lines(FakeInventory.get().product(5), 1));

		await().untilAsserted(() -> assertThat(body(management(shop, "/actuator/prometheus")))
			.containsPattern("statewise_orders_total\\{[^}]*source=\"checkout\"[^}]*status=\"confirmed\"")
			.containsPattern("statewise_orders_checkout_seconds_bucket\\{[^}]*outcome=\"completed\"")
			.contains("statewise_orders_backlog_pending", "statewise_orders_backlog_oldest_seconds")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"inventory\"")
			.contains("resilience4j_timelimiter_calls", "resilience4j_retry_calls",
					"resilience4j_bulkhead_available_concurrent_calls")
			.containsPattern("http_client_requests_seconds_count\\{[^}]*client_name=\"inventory-service\""));
	}

	@Test
	void checkoutShouldCarryItsTraceToTheInventoryCall() {
		Shop shop = new Shop(this.port, this.context);
		shop.healthyInventory();
		String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
		String user = user();

		ResponseSpec checkout = shop.client()
			.post()
			.uri("/api/orders")
			.header(TestIdentity.HEADER, TestIdentity.of(user))
			.header("Idempotency-Key", key())
			.header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
			.contentType(MediaType.APPLICATION_JSON)
			.body(lines(FakeInventory.get().product(5), 1))
			.exchange();

		checkout.expectStatus().isCreated();
		assertThat(FakeInventory.get().traceparents(Shop.id(checkout))).singleElement()
			.asString()
			.startsWith("00-" + trace + "-");
	}

	@Test
	void circuitStatesShouldBeVisibleOnActuatorButNotDecideReadiness() {
		Shop shop = new Shop(this.port, this.context);

		management(shop, "/actuator/health").expectBody()
			.jsonPath("$.components.circuitBreakers.details.inventory.status")
			.exists();
		management(shop, "/actuator/health/readiness").expectBody()
			.jsonPath("$.components.circuitBreakers")
			.doesNotExist();
		assertThat(body(management(shop, "/actuator/circuitbreakers"))).contains("inventory");
	}

	@Test
	void openApiDescriptionShouldBeServedOnTheManagementPortOnly() {
		Shop shop = new Shop(this.port, this.context);

		assertThat(body(management(shop, "/actuator/openapi").expectStatus().isOk()))
			.contains("/api/orders/{id}/cancel", "Idempotency-Key");
		shop.client().get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
	}

	private ResponseSpec management(Shop shop, String path) {
		return shop.client().get().uri("http://127.0.0.1:" + this.managementPort + path).exchange();
	}

}
