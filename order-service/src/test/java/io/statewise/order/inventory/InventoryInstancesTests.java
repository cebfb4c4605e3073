package io.statewise.order.inventory;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryInstancesTests {

	@Test
	void healthCheckShouldProbeEachInstanceOnItsOwnManagementPort() {
		DefaultServiceInstance second = new DefaultServiceInstance("inventory-2", "inventory-service", "127.0.0.1",
				8181, false, Map.of(InventoryInstances.MANAGEMENT_PORT, "9181"));

		assertThat(InventoryInstances.healthUri(second, "/actuator/health/readiness"))
			.isEqualTo(URI.create("http://127.0.0.1:9181/actuator/health/readiness"));
	}

	@Test
	void healthCheckWithoutManagementPortShouldProbeTheInstancePort() {
		DefaultServiceInstance instance = new DefaultServiceInstance("inventory-1", "inventory-service", "10.0.0.7",
				8081, false);

		assertThat(InventoryInstances.healthUri(instance, "/actuator/health/readiness"))
			.isEqualTo(URI.create("http://10.0.0.7:8081/actuator/health/readiness"));
	}

}
