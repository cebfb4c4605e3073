package io.statewise.inventory;

import java.util.UUID;

import io.statewise.testkit.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.statewise.testkit.Http.lines;
import static org.assertj.core.api.Assertions.assertThat;

@InventoryTest
class ObservabilityTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void reservationsCacheAndConsistencyShouldBeExportedToPrometheus() {
		Http http = new Http(this.port);
		http.put("/internal/reservations/" + UUID.randomUUID(), lines("BOK-003", 1));
		http.get("/api/catalog/products/BOK-003");
		http.get("/internal/consistency");

		String metrics = new Http(this.managementPort).get("/actuator/prometheus").body();

		assertThat(metrics).containsPattern(
				"statewise_inventory_reservations_seconds_count\\{[^}]*operation=\"reserve\"[^}]*outcome=\"reserved\"")
			.containsPattern("statewise_catalog_cache_total\\{[^}]*result=\"(hit|miss)\"")
			.contains("statewise_inventory_consistency_violations");
	}

	@Test
	void openApiDescriptionShouldBeServedOnTheManagementPortOnly() {
		Http.Response description = new Http(this.managementPort).get("/actuator/openapi");

		assertThat(description.status()).isEqualTo(200);
		assertThat(description.body()).contains("/internal/reservations/{orderId}", "/api/catalog/products");
		assertThat(new Http(this.port).get("/v3/api-docs").status()).isEqualTo(404);
	}

}
