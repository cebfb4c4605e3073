package io.statewise.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.inventory.InventoryRequests.reserve;
import static io.statewise.inventory.InventoryRequests.reservation;
import static io.statewise.testkit.Lines.lines;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops while the store runs. Protects the CAP choice per endpoint: the
 * catalog stays available from the Redis cache, marked stale (AP); reservations are
 * refused with 503 and {@code Retry-After}, never half-written (CP); both recover when it
 * returns.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "statewise.catalog.cache.fresh-for=0s" })
@RealDatastores(database = "inventory")
@AutoConfigureRestTestClient
class PostgresOutageTests {

	@Autowired
	RestTestClient client;

	@LocalManagementPort
	int managementPort;

	PostgresServer postgres;

	@BeforeEach
	void embeddedPostgresOnly() {
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();
	}

	@AfterEach
	void postgresBack() {
		if (this.postgres != null) {
			this.postgres.start();
		}
	}

	@Test
	void outageShouldServeStaleCatalogRefuseReservationsAndRecoverWithNothingHalfWritten() {
		// from a healthy start: the pool may still hold connections of an earlier outage
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> teas().expectStatus().isOk().expectBody().jsonPath("$.stale").isEqualTo(false));
		String order = reservation(UUID.randomUUID());

		this.postgres.stop();

		teas().expectStatus()
			.isOk()
			.expectHeader()
			.value("Cache-Status", (status) -> assertThat(status).contains("fwd=stale"))
			.expectHeader()
			.valueMatches("Age", "\\d+")
			.expectBody()
			.jsonPath("$.stale")
			.isEqualTo(true)
			.jsonPath("$.items")
			.isNotEmpty();
		long started = System.nanoTime();
		ResponseSpec refused = reserve(this.client, order, lines("TEA-002", 1));
		// a figure for docs/benchmarks.md, not an assertion: timings flake on shared
		// machines
		System.out.printf("reservation refused after %d ms with PostgreSQL stopped%n",
				(System.nanoTime() - started) / 1_000_000);
		expectProblem(refused.expectHeader().valueEquals("Retry-After", "1"), 503);
		assertThat(readiness(Duration.ofSeconds(30))).as("an instance that can serve the catalog stays in rotation")
			.isEqualTo(200);

		this.postgres.start();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> reserve(this.client, order, lines("TEA-002", 1)).returnResult().getStatus().value() == 200);
		this.client.get().uri(order).exchange().expectBody().jsonPath("$.status").isEqualTo("RESERVED");
		teas().expectBody().jsonPath("$.stale").isEqualTo(false);
		this.client.get().uri("/internal/consistency").exchange().expectBody().jsonPath("$.consistent").isEqualTo(true);
	}

	/**
	 * The gateway waits one polling interval (1 s) for a readiness answer. Checking the
	 * database on each probe waited on Hikari's connection timeout and answered UP after
	 * 1.003 s, so the gateway dropped an instance that could serve the catalog.
	 */
	@Test
	void readinessShouldAnswerWithinTheGatewaysProbeTimeoutWhilePostgresIsDown() {
		this.postgres.stop();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.client.get()
				.uri("http://127.0.0.1:{port}/actuator/health/readiness", this.managementPort)
				.exchange()
				.expectBody()
				.jsonPath("$.components.catalog.details.database")
				.isEqualTo("DOWN"));
		for (int probe = 0; probe < 5; probe++) {
			assertThat(readiness(Duration.ofSeconds(1))).as("probe %d", probe).isEqualTo(200);
		}
	}

	/**
	 * The readiness status, or -1 when it does not answer within the timeout: a client of
	 * its own, as the gateway's probe is, with a timeout per request.
	 */
	private int readiness(Duration timeout) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
			.timeout(timeout)
			.build();
		try {
			return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	@Test
	void withNeitherDatabaseNorCachedEntryTheCatalogShouldAnswer503() {
		this.postgres.stop();

		this.client.get()
			.uri("/api/catalog/products?q={text}", UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "1");
	}

	private ResponseSpec teas() {
		return this.client.get().uri("/api/catalog/products?category=tea").exchange();
	}

}
