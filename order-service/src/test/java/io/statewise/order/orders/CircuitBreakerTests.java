package io.statewise.order.orders;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.order.FakeInventory;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * inventory-service answers, but too slowly. Protects the store from hanging with it: the
 * time limit ends each call, the circuit opens after the configured failures, and while
 * it is open checkout accepts orders without calling inventory at all. Latencies are in
 * docs/benchmarks.md, not asserted here.
 */
@OrderTest
class CircuitBreakerTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	ApplicationContext context;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Autowired
	MeterRegistry meters;

	Shop shop;

	FakeInventory inventory = FakeInventory.get();

	@BeforeEach
	@AfterEach
	void healthyInventory() {
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@Test
	void slowInventoryShouldTimeOutThenOpenTheCircuitThenAcceptOrdersWithoutCallingIt() {
		CircuitBreaker circuit = this.circuitBreakers.circuitBreaker("inventory");
		double timeouts = timeouts();
		this.inventory.slow(Duration.ofSeconds(3));
		String cup = this.inventory.product(10);
		for (int i = 0; i < 2 && circuit.getState() == CircuitBreaker.State.CLOSED; i++) {
			this.shop.checkout(user(), key(), lines(cup, 1)).expectStatus().isAccepted();
		}
		assertThat(timeouts()).as("time limiter timeouts").isGreaterThan(timeouts);
		assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(circuit.getMetrics().getNumberOfBufferedCalls())
			.isGreaterThanOrEqualTo(circuit.getCircuitBreakerConfig().getMinimumNumberOfCalls());
		assertThat(circuit.getMetrics().getFailureRate())
			.isGreaterThanOrEqualTo(circuit.getCircuitBreakerConfig().getFailureRateThreshold());

		long reached = this.inventory.requestsReceived();
		String user = user();
		ResponseSpec whileOpen = this.shop.checkout(user, key(), lines(cup, 1));

		whileOpen.expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("PENDING");
		assertThat(this.inventory.requestsReceived()).as("calls that reached inventory").isEqualTo(reached);
		assertThat(this.shop.status(user, Shop.id(whileOpen))).as("accepted, for the reconciler").isEqualTo("PENDING");
		this.shop.client()
			.get()
			.uri("http://127.0.0.1:" + this.managementPort + "/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.circuitBreakers.details.inventory.details.state")
			.isEqualTo("OPEN");
	}

	private double timeouts() {
		return this.meters.find("resilience4j.timelimiter.calls")
			.tags("name", "inventory", "kind", "timeout")
			.meters()
			.stream()
			.mapToDouble((meter) -> meter.measure().iterator().next().getValue())
			.sum();
	}

}
