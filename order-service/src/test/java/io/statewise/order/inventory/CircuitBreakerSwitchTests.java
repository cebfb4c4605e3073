package io.statewise.order.inventory;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker's switch (the lab's E3): on, an inventory that refuses every call
 * stops being called once the circuit opens; off, every call still reaches it. The remote
 * service is faked (it refuses connections); no datastore is involved.
 */
class CircuitBreakerSwitchTests {

	@Test
	void withTheBreakerOnARefusingInventoryShouldStopBeingCalled() {
		AtomicInteger calls = new AtomicInteger();
		Inventory inventory = inventory(new CircuitBreakerSwitch(true), calls);

		List<ReserveOutcome> outcomes = reserveTimes(inventory, 200);

		assertThat(outcomes).allMatch(ReserveOutcome.Unavailable.class::isInstance);
		assertThat(inventory.refusesCalls()).isTrue();
		assertThat(calls).as("calls that reached inventory").hasValueLessThan(200);
	}

	@Test
	void withTheBreakerOffEveryCallShouldReachARefusingInventory() {
		AtomicInteger calls = new AtomicInteger();
		Inventory inventory = inventory(new CircuitBreakerSwitch(false), calls);

		List<ReserveOutcome> outcomes = reserveTimes(inventory, 200);

		assertThat(outcomes).allMatch(ReserveOutcome.Unavailable.class::isInstance);
		assertThat(inventory.refusesCalls()).isFalse();
		assertThat(calls).as("calls that reached inventory").hasValue(200);
	}

	private static List<ReserveOutcome> reserveTimes(Inventory inventory, int times) {
		return java.util.stream.IntStream.range(0, times)
			.mapToObj((i) -> inventory.reserve(UUID.randomUUID(), List.of(), false))
			.toList();
	}

	/** With Resilience4j's defaults: a window of 100 calls, open at 50 % failures. */
	private static Inventory inventory(CircuitBreakerSwitch circuitBreakerSwitch, AtomicInteger calls) {
		InventoryClient refusing = new InventoryClient() {

			@Override
			public InventoryReservation reserve(UUID orderId, InventoryReservation.Request request) {
				calls.incrementAndGet();
				throw new ResourceAccessException("Connection refused", new IOException("Connection refused"));
			}

			@Override
			public InventoryReservation release(UUID orderId) {
				return reserve(orderId, new InventoryReservation.Request(List.of()));
			}

		};
		return new Inventory(refusing, JsonMapper.builder().build(), CircuitBreakerRegistry.ofDefaults(),
				RetryRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(),
				circuitBreakerSwitch);
	}

}
