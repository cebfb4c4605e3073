package io.statewise.order.orders;

import java.time.Duration;
import java.util.UUID;

import io.statewise.order.FakeInventory;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
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
import static org.awaitility.Awaitility.await;

/**
 * inventory-service unreachable, or reachable but its answer lost, or order-service
 * killed between reserving and confirming. Protects "no accepted request is lost" and
 * "every CONFIRMED order has exactly one reservation".
 */
@OrderTest
class InventoryOutageTests {

	private static final Duration RECONCILED = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	Shop shop;

	FakeInventory inventory = FakeInventory.get();

	@BeforeEach
	@AfterEach
	void healthyInventory() {
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@Test
	void inventoryDownShouldAcceptTheOrderPendingAndTheReconcilerShouldConfirmItOnceItIsBack() {
		String user = user();
		String cup = this.inventory.product(10);
		this.inventory.down();
		ResponseSpec accepted = this.shop.checkout(user, key(), lines(cup, 2));
		accepted.expectStatus()
			.isAccepted()
			.expectHeader()
			.location("/api/orders/" + id(accepted))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING");
		assertThat(this.shop.status(user, id(accepted))).isEqualTo("PENDING");

		this.inventory.up();

		await().atMost(RECONCILED).until(() -> this.shop.status(user, id(accepted)).equals("CONFIRMED"));
		assertThat(this.inventory.reserveCalls(id(accepted))).as("served reserve calls").isOne();
		assertThat(this.inventory.available(cup)).isEqualTo(8);
	}

	@Test
	void reservationWhoseAnswerWasLostShouldBeConfirmedWithTheSameReservation() {
		String user = user();
		String cup = this.inventory.product(10);
		this.inventory.loseAnswers();
		ResponseSpec accepted = this.shop.checkout(user, key(), lines(cup, 3));
		accepted.expectStatus().isAccepted();

		this.inventory.up();

		await().atMost(RECONCILED).until(() -> this.shop.status(user, id(accepted)).equals("CONFIRMED"));
		assertThat(this.inventory.available(cup)).as("reserved once, however often asked").isEqualTo(7);
		assertThat(this.inventory.reservationStatus(id(accepted))).isEqualTo("RESERVED");
	}

	@Test
	void crashBetweenReservingAndConfirmingShouldBeRepairedByTheReconcilerWithOneReservation() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = pendingOrder(user, cup, 4);
		this.inventory.reserveDirectly(order, lines(cup, 4));

		await().atMost(RECONCILED).until(() -> this.shop.status(user, order).equals("CONFIRMED"));

		assertThat(this.inventory.available(cup)).isEqualTo(6);
		assertThat(this.inventory.reservationStatus(order)).isEqualTo("RESERVED");
		this.shop.order(user, order)
			.expectBody()
			.jsonPath("$.total.amountMinor")
			.isEqualTo(4 * FakeInventory.price(cup));
	}

	@Test
	void orderStillPendingAtTheDeadlineShouldBeRejectedAndItsStockReleased() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = pendingOrder(user, cup, 1);
		this.jdbc.sql("UPDATE orders SET created_at = now() - interval '1 day' WHERE id = ?").param(order).update();

		await().atMost(RECONCILED).until(() -> this.shop.status(user, order).equals("REJECTED"));

		await().atMost(RECONCILED).until(() -> "RELEASED".equals(this.inventory.reservationStatus(order)));
		assertThat(this.inventory.available(cup)).isEqualTo(10);
		this.shop.order(user, order)
			.expectBody()
			.jsonPath("$.reason")
			.value(String.class, (reason) -> assertThat(reason).contains("in time"));
	}

	@Test
	void cancellingAPendingOrderWhileInventoryIsDownShouldReleaseItOnceInventoryIsBack() {
		String user = user();
		String cup = this.inventory.product(10);
		this.inventory.down();
		UUID order = id(this.shop.checkout(user, key(), lines(cup, 2)));

		this.shop.cancel(user, order).expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		this.inventory.up();

		await().atMost(RECONCILED).until(() -> "RELEASED".equals(this.inventory.reservationStatus(order)));
		assertThat(this.inventory.available(cup)).isEqualTo(10);
		assertThat(this.shop.status(user, order)).isEqualTo("CANCELLED");
	}

	/**
	 * The state a checkout leaves when its process dies after recording the order: a
	 * PENDING row, due for the reconciler.
	 */
	private UUID pendingOrder(String user, String productId, int quantity) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				INSERT INTO orders (id, user_id, idempotency_key, request_fingerprint, status, next_attempt_at)
				VALUES (?, ?, ?, 'crashed', 'PENDING', now() + interval '300 milliseconds')
				""").params(id, user, key()).update();
		this.jdbc.sql("INSERT INTO order_line (order_id, product_id, quantity) VALUES (?, ?, ?)")
			.params(id, productId, quantity)
			.update();
		this.jdbc.sql("INSERT INTO order_status_history (order_id, status) VALUES (?, 'PENDING')").param(id).update();
		return id;
	}

}
