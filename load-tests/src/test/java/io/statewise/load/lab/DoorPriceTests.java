package io.statewise.load.lab;

import java.util.List;
import java.util.Map;

import io.statewise.load.lab.ClosedLoad.Outcome;
import io.statewise.load.lab.ControlApi.Component;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E7's gateway is pointed at the stack as the control API lists it, and judges its loads.
 */
class DoorPriceTests {

	@Test
	void theGatewayShouldRouteTheCatalogToInventoryServiceOneOnlyAndFollowTheStacksPorts() {
		List<Component> components = List.of(service("inventory-service-1", 8581, 9581),
				service("inventory-service-2", 8681, 9681), service("session-service-1", 8582, 9582),
				service("session-service-2", 8682, 9682), service("order-service-1", 8583, 9583),
				new Component("sentinel-1", "SENTINEL", "redis://127.0.0.1:26879", null, 7L, "RUNNING", "UP", ""),
				new Component("sentinel-2", "SENTINEL", "redis://127.0.0.1:26880", null, 8L, "RUNNING", "UP", ""),
				new Component("redis-1", "REDIS", "redis://127.0.0.1:6879", null, 9L, "RUNNING", "UP", "primary"));

		assertThat(DoorPrice.environment(components)).isEqualTo(Map.of("STATEWISE_INVENTORY_INSTANCES",
				"http://127.0.0.1:8581?management-port=9581", "STATEWISE_SESSION_INSTANCES",
				"http://127.0.0.1:8582?management-port=9582,http://127.0.0.1:8682?management-port=9682",
				"STATEWISE_ORDER_INSTANCES", "http://127.0.0.1:8583?management-port=9583", "STATEWISE_REDIS_SENTINELS",
				"127.0.0.1:26879,127.0.0.1:26880"));
	}

	@Test
	void aLoadWithAnswersOtherThan200ShouldFailTheRunNamingThem() {
		Outcome clean = new Outcome(1000, 0, null, 2.0, 400, 900);
		Outcome refused = new Outcome(990, 10, "answered 503", 2.0, 400, 900);

		assertThat(DoorPrice.failure(Map.of("direct", clean, "gateway", clean))).isNull();
		assertThat(DoorPrice.failure(Map.of("direct", clean, "gateway", refused)))
			.isEqualTo("gateway: 10 of 1000 not answered 200 (first: answered 503)");
	}

	private static Component service(String name, int port, int managementPort) {
		return new Component(name, "SERVICE", "http://127.0.0.1:" + port, managementPort, 1L, "RUNNING", "UP", "");
	}

}
