package io.statewise.inventory;

import java.time.Duration;
import java.util.UUID;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.PostgresTrap;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.statewise.testkit.Http.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops just before a write's commit (a {@link PostgresTrap} stops it on the
 * request's own thread). Protects "a write whose commit broke off is refused as
 * retryable": the answer is a 503 problem with {@code Retry-After}, not a 500, saying the
 * change may have been applied (the service cannot know); here nothing of it is in the
 * database afterwards, the ledger still adds up, and a retry does the write exactly once.
 */
@InventoryTest
class PostgresStopsMidRequestTests {

	private static final Duration BACK = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	PostgresTrap trap;

	PostgresServer postgres;

	Http http;

	@BeforeEach
	void embeddedPostgresOnly() {
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();
		this.http = new Http(this.port);
	}

	@AfterEach
	void postgresBackWithTheLedgerConsistent() {
		this.trap.disarm();
		if (this.postgres != null) {
			postgresBack();
			JsonNode report = this.http.get("/internal/consistency").json();
			assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
		}
	}

	@Test
	void stopAtTheCommitOfARestockShouldBe503AndAddTheUnitsOnlyOnceTheRetryCommits() {
		int before = stock("COF-004").get("received").asInt();
		String key = "restock-" + UUID.randomUUID();
		this.trap.beforeCommitAfter("ON CONFLICT (restock_key)", this.postgres::stop);

		assertRetryable(restock("COF-004", 5, key));

		postgresBack();
		assertThat(stock("COF-004").get("received").asInt()).as("nothing committed").isEqualTo(before);
		await().atMost(BACK).until(() -> restock("COF-004", 5, key).status() == 200);
		assertThat(restock("COF-004", 5, key).json().get("received").asInt()).as("added once").isEqualTo(before + 5);
	}

	@Test
	void stopAtTheCommitOfAReservationShouldBe503AndReserveNothingUntilTheRetry() {
		int before = stock("BOK-005").get("available").asInt();
		String order = "/internal/reservations/" + UUID.randomUUID();
		this.trap.beforeCommitAfter("INSERT INTO reservation_line", this.postgres::stop);

		assertRetryable(this.http.put(order, lines("BOK-005", 2)));

		postgresBack();
		assertThat(this.http.get(order).status()).as("no reservation committed").isEqualTo(404);
		assertThat(stock("BOK-005").get("available").asInt()).isEqualTo(before);
		await().atMost(BACK).until(() -> this.http.put(order, lines("BOK-005", 2)).status() == 200);
		assertThat(stock("BOK-005").get("available").asInt()).as("reserved once").isEqualTo(before - 2);
	}

	private void assertRetryable(Response response) {
		assertThat(this.trap.sprung()).as("PostgreSQL stopped before the commit").isTrue();
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).isEqualTo("1");
		assertThat(response.json().get("detail").asString()).as("the commit's outcome is unknown to the service")
			.contains("may or may not have been applied");
	}

	/**
	 * Starts PostgreSQL and waits until the service reads from it again: HikariCP
	 * replaces the connections the stop broke only as it meets them.
	 */
	private void postgresBack() {
		this.postgres.start();
		await().atMost(BACK).until(() -> this.http.get("/api/catalog/products/COF-004/stock").status() == 200);
	}

	private JsonNode stock(String product) {
		return this.http.get("/api/catalog/products/" + product + "/stock").json();
	}

	private Response restock(String product, int quantity, String key) {
		return this.http.post("/api/catalog/products/" + product + "/restock", "{\"quantity\":" + quantity + "}",
				TestIdentity.HEADER, TestIdentity.of("an-admin", "admin"), "Idempotency-Key", key);
	}

}
