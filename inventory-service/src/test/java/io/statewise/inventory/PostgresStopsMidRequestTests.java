package io.statewise.inventory;

import java.time.Duration;
import java.util.UUID;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.PostgresTrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.inventory.InventoryRequests.restock;
import static io.statewise.inventory.InventoryRequests.reserve;
import static io.statewise.inventory.InventoryRequests.reservation;
import static io.statewise.inventory.InventoryRequests.admin;
import static io.statewise.testkit.Lines.lines;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
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

	@Autowired
	RestTestClient client;

	@Autowired
	PostgresTrap trap;

	PostgresServer postgres;

	@BeforeEach
	void embeddedPostgresOnly() {
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();
	}

	@AfterEach
	void postgresBackWithTheLedgerConsistent() {
		this.trap.disarm();
		if (this.postgres != null) {
			postgresBack();
			this.client.get()
				.uri("/internal/consistency")
				.exchange()
				.expectBody()
				.jsonPath("$.consistent")
				.isEqualTo(true);
		}
	}

	@Test
	void stopAtTheCommitOfARestockShouldBe503AndAddTheUnitsOnlyOnceTheRetryCommits() {
		int before = stock("COF-004").get("received").asInt();
		String key = "restock-" + UUID.randomUUID();
		this.trap.beforeCommitAfter("ON CONFLICT (restock_key)", this.postgres::stop);

		assertRetryable(restock(this.client, "COF-004", 5, admin(), key));

		postgresBack();
		assertThat(stock("COF-004").get("received").asInt()).as("nothing committed").isEqualTo(before);
		await().atMost(BACK).until(() -> status(restock(this.client, "COF-004", 5, admin(), key)) == 200);
		restock(this.client, "COF-004", 5, admin(), key).expectBody().jsonPath("$.received").isEqualTo(before + 5);
	}

	@Test
	void stopAtTheCommitOfAReservationShouldBe503AndReserveNothingUntilTheRetry() {
		int before = stock("BOK-005").get("available").asInt();
		String order = reservation(UUID.randomUUID());
		this.trap.beforeCommitAfter("INSERT INTO reservation_line", this.postgres::stop);

		assertRetryable(reserve(this.client, order, lines("BOK-005", 2)));

		postgresBack();
		this.client.get().uri(order).exchange().expectStatus().isNotFound();
		assertThat(stock("BOK-005").get("available").asInt()).isEqualTo(before);
		await().atMost(BACK).until(() -> status(reserve(this.client, order, lines("BOK-005", 2))) == 200);
		assertThat(stock("BOK-005").get("available").asInt()).as("reserved once").isEqualTo(before - 2);
	}

	private void assertRetryable(ResponseSpec response) {
		assertThat(this.trap.sprung()).as("PostgreSQL stopped before the commit").isTrue();
		expectProblem(response.expectHeader().valueEquals("Retry-After", "1"), 503).jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).as("the commit's outcome is unknown to the service")
				.contains("may or may not have been applied"));
	}

	/**
	 * Starts PostgreSQL and waits until the service reads from it again: HikariCP
	 * replaces the connections the stop broke only as it meets them.
	 */
	private void postgresBack() {
		this.postgres.start();
		await().atMost(BACK)
			.until(() -> status(this.client.get().uri("/api/catalog/products/COF-004/stock").exchange()) == 200);
	}

	private JsonNode stock(String product) {
		return this.client.get()
			.uri("/api/catalog/products/{id}/stock", product)
			.exchange()
			.returnResult(JsonNode.class)
			.getResponseBody();
	}

	private static int status(ResponseSpec response) {
		return response.returnResult().getStatus().value();
	}

}
