package io.statewise.inventory;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.statewise.inventory.InventoryRequests.reserve;
import static io.statewise.inventory.InventoryRequests.reservation;
import static io.statewise.testkit.Lines.lines;
import static org.assertj.core.api.Assertions.assertThat;

@InventoryTest
class ObservabilityTests {

	@Autowired
	RestTestClient client;

	@LocalManagementPort
	int managementPort;

	@Test
	void reservationsCacheAndConsistencyShouldBeExportedToPrometheus() {
		reserve(this.client, reservation(UUID.randomUUID()), lines("BOK-003", 1)).expectStatus().isOk();
		this.client.get().uri("/api/catalog/products/BOK-003").exchange().expectStatus().isOk();
		this.client.get().uri("/internal/consistency").exchange().expectStatus().isOk();

		String metrics = management("/actuator/prometheus").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(metrics).containsPattern(
				"statewise_inventory_reservations_seconds_count\\{[^}]*operation=\"reserve\"[^}]*outcome=\"reserved\"")
			.containsPattern("statewise_catalog_cache_total\\{[^}]*result=\"(hit|miss)\"")
			.contains("statewise_inventory_consistency_violations");
	}

	@Test
	void openApiDescriptionShouldBeServedOnTheManagementPortOnly() {
		management("/actuator/openapi").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.paths['/internal/reservations/{orderId}']")
			.exists()
			.jsonPath("$.paths['/api/catalog/products']")
			.exists();
		this.client.get().uri("/v3/api-docs").exchange().expectStatus().isNotFound();
	}

	private RestTestClient.ResponseSpec management(String path) {
		return this.client.get().uri("http://127.0.0.1:" + this.managementPort + path).exchange();
	}

}
