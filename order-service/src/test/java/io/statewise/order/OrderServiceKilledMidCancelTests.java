package io.statewise.order;

import io.statewise.testkit.TestIdentity;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.id;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order-service process is killed (SIGKILL) while it cancels an order: after inventory
 * took the release, before the release was acknowledged. Protects "cancel cannot strand a
 * confirmed order": the order is never left CONFIRMED with its stock given back; the
 * other instance's reconciler finishes the cancel.
 */
@OrderTest
class OrderServiceKilledMidCancelTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	Shop shop;

	OrderServiceProcess doomed;

	FakeInventory inventory = FakeInventory.get();

	@BeforeEach
	void anotherInstanceInItsOwnProcess() {
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
		// its inventory calls wait until it is killed; it runs no reconciler
		this.doomed = OrderServiceProcess.start("--resilience4j.timelimiter.instances.inventory.timeout-duration=10m",
				"--spring.http.serviceclient.inventory.read-timeout=10m", "--statewise.reconciler.interval=1h");
	}

	@AfterEach
	void stopIt() {
		this.doomed.close();
		this.inventory.up();
	}

	@Test
	void killedAfterInventoryTookTheReleaseShouldLeaveTheOrderCancelledAndTheReconcilerReleasesIt() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = id(this.shop.checkout(user, key(), lines(cup, 4)));
		this.inventory.holdReleaseAnswers();

		CompletableFuture.runAsync(() -> this.doomed.client()
			.post()
			.uri("/api/orders/{id}/cancel", order)
			.header(TestIdentity.HEADER, TestIdentity.of(user))
			.exchange());
		await().atMost(Duration.ofSeconds(30)).until(() -> "RELEASED".equals(this.inventory.reservationStatus(order)));
		this.doomed.kill();
		this.inventory.up();

		await().atMost(Duration.ofSeconds(30)).until(() -> cancelledAndReleased(order));
		assertThat(this.shop.status(user, order)).isEqualTo("CANCELLED");
		assertThat(this.inventory.available(cup)).isEqualTo(10);
	}

	private boolean cancelledAndReleased(UUID order) {
		return this.jdbc.sql("SELECT status = 'CANCELLED' AND NOT release_pending FROM orders WHERE id = ?")
			.param(order)
			.query(Boolean.class)
			.single();
	}

}
