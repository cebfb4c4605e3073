package io.statewise.order;

import java.time.Duration;
import java.util.UUID;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.EmbeddedDatastores;
import io.statewise.testkit.PostgresTrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.id;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops at each step of a checkout and of a cancel (a {@link PostgresTrap}
 * stops it on the request's own thread, just before the step). Protects "nothing
 * acknowledged is lost, nothing refused is done": a checkout answers 503 only while no
 * order exists for it; once its order is committed the answer is that order (202) and a
 * retry with the same key finds it; a cancel gives stock back only once it is committed,
 * and a committed cancel is finished by the reconciler.
 */
@OrderTest
class PostgresStopsMidRequestTests {

	private static final Duration BACK = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	PostgresTrap trap;

	@Autowired
	JdbcClient jdbc;

	PostgresServer postgres;

	Shop shop;

	FakeInventory inventory = FakeInventory.get();

	@BeforeEach
	void embeddedPostgresOnly() {
		assumeThat(Datastores.shared()).as("stopping PostgreSQL needs the embedded backend")
			.isInstanceOf(EmbeddedDatastores.class);
		this.postgres = ((EmbeddedDatastores) Datastores.shared()).postgres();
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@AfterEach
	void postgresBack() {
		this.trap.disarm();
		if (this.postgres != null) {
			this.postgres.start();
			// HikariCP backs off while the server is away: first queries may still fail
			await().atMost(BACK).ignoreExceptions().until(() -> this.shop.orders("nobody") == 0);
		}
	}

	@Test
	void stopAtTheCommitThatRecordsTheOrderShouldBe503AndPlaceNoOrderUntilTheRetry() {
		String user = user();
		String key = key();
		String cup = this.inventory.product(10);
		this.trap.beforeCommitAfter("INSERT INTO orders", this.postgres::stop);

		this.shop.checkout(user, key, lines(cup, 1)).expectStatus().isEqualTo(503);

		postgresBack();
		assertThat(this.shop.orders(user)).as("nothing committed").isZero();
		retryUntilDecided(user, key, lines(cup, 1)).expectStatus().isCreated();
		assertThat(this.inventory.available(cup)).isEqualTo(9);
	}

	@Test
	void stopAfterTheOrderIsRecordedShouldAnswer202WithItAndEveryLaterRetryShouldAnswerThatOrder() {
		String user = user();
		String key = key();
		String cup = this.inventory.product(10);
		this.trap.beforeStatement("FOR UPDATE", this.postgres::stop);

		ResponseSpec accepted = assertAccepted(this.shop.checkout(user, key, lines(cup, 2)));

		this.shop.checkout(user, key, lines(cup, 2)).expectStatus().isEqualTo(503);
		postgresBack();
		assertThat(id(retryUntilDecided(user, key, lines(cup, 2)))).isEqualTo(id(accepted));
		assertThat(this.shop.orders(user)).isOne();
		assertThat(this.inventory.available(cup)).isEqualTo(8);
	}

	@Test
	void stopAfterInventoryReservedShouldAnswer202AndTheReconcilerShouldConfirmTheOneReservation() {
		String user = user();
		String cup = this.inventory.product(10);
		this.trap.beforeStatement("UPDATE order_line", this.postgres::stop);

		UUID order = id(assertAccepted(this.shop.checkout(user, key(), lines(cup, 3))));

		assertThat(this.inventory.reservationStatus(order)).isEqualTo("RESERVED");
		postgresBack();
		await().atMost(BACK).until(() -> this.shop.status(user, order).equals("CONFIRMED"));
		assertThat(this.inventory.available(cup)).as("reserved once").isEqualTo(7);
	}

	@Test
	void stopAtTheCommitOfTheOutcomeShouldAnswer202AndTheRetryShouldAnswerThatOrder() {
		String user = user();
		String key = key();
		String cup = this.inventory.product(10);
		this.trap.beforeCommitAfter("SET response_status", this.postgres::stop);

		ResponseSpec accepted = assertAccepted(this.shop.checkout(user, key, lines(cup, 1)));

		postgresBack();
		assertThat(id(retryUntilDecided(user, key, lines(cup, 1)))).isEqualTo(id(accepted));
		assertThat(this.inventory.available(cup)).isEqualTo(9);
	}

	@Test
	void stopAtTheCommitOfACancelShouldLeaveTheOrderConfirmedWithItsStockStillReserved() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = id(this.shop.checkout(user, key(), lines(cup, 4)));
		this.trap.beforeCommitAfter("UPDATE orders SET status", this.postgres::stop);

		this.shop.cancel(user, order).expectStatus().isEqualTo(503);

		postgresBack();
		assertThat(this.shop.status(user, order)).isEqualTo("CONFIRMED");
		assertThat(this.inventory.reservationStatus(order)).isEqualTo("RESERVED");
		assertThat(this.inventory.available(cup)).isEqualTo(6);
	}

	@Test
	void stopAfterACancelsStockWasReleasedShouldStillAnswerCancelledAndTheReconcilerShouldFinishIt() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = id(this.shop.checkout(user, key(), lines(cup, 4)));
		this.trap.beforeStatement("SET release_pending = false", this.postgres::stop);

		this.shop.cancel(user, order).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		postgresBack();
		await().atMost(BACK).until(() -> !releasePending(order));
		assertThat(this.shop.status(user, order)).isEqualTo("CANCELLED");
		assertThat(this.inventory.available(cup)).isEqualTo(10);
	}

	/** A 202 naming the order it accepted, PENDING, made while the database was away. */
	private ResponseSpec assertAccepted(ResponseSpec response) {
		assertThat(this.trap.sprung()).as("PostgreSQL stopped at the step").isTrue();
		response.expectStatus()
			.isAccepted()
			.expectHeader()
			.location("/api/orders/" + id(response))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING");
		return response;
	}

	/**
	 * The same checkout again until it is decided: the first attempts after the restart
	 * may meet connections HikariCP has not replaced yet.
	 */
	private ResponseSpec retryUntilDecided(String user, String key, String cart) {
		return await().atMost(BACK)
			.until(() -> this.shop.checkout(user, key, cart), (retry) -> Shop.status(retry) == 201);
	}

	private boolean releasePending(UUID order) {
		return this.jdbc.sql("SELECT release_pending FROM orders WHERE id = ?")
			.param(order)
			.query(Boolean.class)
			.single();
	}

}
