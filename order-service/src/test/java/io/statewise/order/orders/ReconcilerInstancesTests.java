package io.statewise.order.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.order.FakeInventory;
import io.statewise.order.OrderServiceApplication;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import io.statewise.testkit.TestDefaults;
import io.statewise.testkit.RealDatastoresInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two order-service instances (two Spring contexts on one database) reconcile the same
 * backlog. Protects "no two instances work on one order": each order is reserved by one
 * call and confirmed once.
 */
@OrderTest
class ReconcilerInstancesTests {

	private static final int BACKLOG = 40;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	ConfigurableApplicationContext second;

	@BeforeEach
	void twoInstances() {
		new Shop(this.port, this.context).healthyInventory();
		this.second = new SpringApplicationBuilder(OrderServiceApplication.class).profiles("test")
			.initializers(RealDatastoresInitializer.forDatabase("orders"), new TestDefaults(),
					new FakeInventory.Initializer())
			.run("--server.port=0", "--management.server.port=0");
		new Shop(this.port, this.second).healthyInventory();
	}

	@AfterEach
	void stopSecond() {
		this.second.close();
		FakeInventory.get().up();
	}

	@Test
	void bothInstancesShouldWorkTheBacklogAndEachOrderShouldBeProcessedExactlyOnce() {
		double firstBefore = confirmedByReconciler(this.context);
		FakeInventory.get().slow(Duration.ofMillis(30));
		List<UUID> backlog = backlog(FakeInventory.get().product(BACKLOG));

		await().atMost(Duration.ofSeconds(60)).until(() -> confirmed(backlog) == BACKLOG);

		assertThat(backlog).allSatisfy((order) -> {
			assertThat(FakeInventory.get().reserveCalls(order)).as("reserve calls for " + order).isOne();
			assertThat(this.jdbc.sql("SELECT count(*) FROM order_status_history WHERE order_id = ? AND status = ?")
				.params(order, "CONFIRMED")
				.query(Long.class)
				.single()).isOne();
		});
		assertThat(confirmedByReconciler(this.second)).as("confirmed by the second instance").isPositive();
		assertThat(confirmedByReconciler(this.context) - firstBefore).as("confirmed by the first instance")
			.isPositive();
	}

	private List<UUID> backlog(String productId) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < BACKLOG; i++) {
			UUID id = UUID.randomUUID();
			this.jdbc.sql("""
					INSERT INTO orders (id, user_id, idempotency_key, request_fingerprint, status, next_attempt_at)
					VALUES (?, 'backlog', ?, 'backlog', 'PENDING', now() + interval '1 second')
					""").params(id, id.toString()).update();
			this.jdbc.sql("INSERT INTO order_line (order_id, product_id, quantity) VALUES (?, ?, 1)")
				.params(id, productId)
				.update();
			ids.add(id);
		}
		return ids;
	}

	private long confirmed(List<UUID> orders) {
		return this.jdbc.sql("SELECT count(*) FROM orders WHERE id = ANY (?) AND status = 'CONFIRMED'")
			.param(orders.toArray(UUID[]::new))
			.query(Long.class)
			.single();
	}

	private static double confirmedByReconciler(ApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.find("statewise.orders")
			.tags("status", "confirmed", "source", "reconciler")
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

}
