package io.statewise.order;

import io.statewise.testkit.Http;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static io.statewise.testkit.Lines.lines;
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

		await().untilAsserted(() -> assertThat(new Http(this.managementPort).get("/actuator/prometheus").body())
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

		Http.Response checkout = shop.http()
			.post("/api/orders", lines(FakeInventory.get().product(5), 1), TestIdentity.HEADER, TestIdentity.of(user),
					"Idempotency-Key", key(), "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");

		assertThat(checkout.status()).isEqualTo(201);
		assertThat(FakeInventory.get().traceparents(Shop.id(checkout))).singleElement()
			.asString()
			.startsWith("00-" + trace + "-");
	}

	@Test
	void circuitStatesShouldBeVisibleOnActuatorButNotDecideReadiness() {
		Http management = new Http(this.managementPort);

		assertThat(management.get("/actuator/health")
			.json()
			.at("/components/circuitBreakers/details/inventory/status")
			.isMissingNode()).isFalse();
		assertThat(
				management.get("/actuator/health/readiness").json().at("/components/circuitBreakers").isMissingNode())
			.isTrue();
		assertThat(management.get("/actuator/circuitbreakers").body()).contains("inventory");
	}

	@Test
	void openApiDescriptionShouldBeServedOnTheManagementPortOnly() {
		Http.Response description = new Http(this.managementPort).get("/actuator/openapi");

		assertThat(description.status()).isEqualTo(200);
		assertThat(description.body()).contains("/api/orders/{id}/cancel", "Idempotency-Key");
		assertThat(new Http(this.port).get("/v3/api-docs").status()).isEqualTo(404);
	}

}
