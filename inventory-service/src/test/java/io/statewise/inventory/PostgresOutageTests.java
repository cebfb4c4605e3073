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
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.statewise.testkit.Http.lines;
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
class PostgresOutageTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	PostgresServer postgres;

	Http http;

	@BeforeEach
	void embeddedPostgresOnly() {
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();
		this.http = new Http(this.port);
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
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Response before = this.http.get("/api/catalog/products?category=tea");
			assertThat(before.status()).as(before.body()).isEqualTo(200);
			assertThat(before.json().get("stale").asBoolean()).isFalse();
		});
		String order = "/internal/reservations/" + UUID.randomUUID();

		this.postgres.stop();

		Response catalog = this.http.get("/api/catalog/products?category=tea");
		assertThat(catalog.status()).isEqualTo(200);
		assertThat(catalog.json().get("stale").asBoolean()).isTrue();
		assertThat(catalog.json().get("items").size()).isPositive();
		assertThat(catalog.header("Cache-Status")).contains("fwd=stale");
		assertThat(catalog.header("Age")).matches("\\d+");
		long started = System.nanoTime();
		Response refused = this.http.put(order, lines("TEA-002", 1));
		// a figure for docs/benchmarks.md, not an assertion: timings flake on shared
		// machines
		System.out.printf("reservation refused after %d ms with PostgreSQL stopped%n",
				(System.nanoTime() - started) / 1_000_000);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(new Http(this.managementPort).get("/actuator/health/readiness").status())
			.as("an instance that can serve the catalog stays in rotation")
			.isEqualTo(200);

		this.postgres.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> this.http.put(order, lines("TEA-002", 1)).status() == 200);
		assertThat(this.http.get(order).json().get("status").asString()).isEqualTo("RESERVED");
		assertThat(this.http.get("/api/catalog/products?category=tea").json().get("stale").asBoolean()).isFalse();
		assertThat(this.http.get("/internal/consistency").json().get("consistent").asBoolean()).isTrue();
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
			.until(() -> new Http(this.managementPort).get("/actuator/health/readiness")
				.json()
				.at("/components/catalog/details/database")
				.asString(), "DOWN"::equals);
		for (int probe = 0; probe < 5; probe++) {
			assertThat(readiness(Duration.ofSeconds(1))).as("probe %d", probe).isEqualTo(200);
		}
	}

	/** The readiness status, or -1 when it does not answer within the timeout. */
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

		Response response = this.http.get("/api/catalog/products?q=" + UUID.randomUUID());

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isEqualTo("1");
	}

}
