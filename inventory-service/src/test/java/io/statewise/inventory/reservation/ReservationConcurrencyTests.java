package io.statewise.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.statewise.inventory.InventoryServiceApplication;
import io.statewise.inventory.InventoryTest;
import io.statewise.testkit.TestDefaults;
import io.statewise.testkit.RealDatastoresInitializer;
import io.statewise.testkit.TestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.statewise.inventory.InventoryRequests.reserve;
import static io.statewise.inventory.InventoryRequests.reservation;
import static io.statewise.testkit.Lines.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many checkouts race for a few scarce products through the HTTP API of two instances
 * sharing one database. Protects: stock never below zero, exactly the stock there was is
 * reserved, no deadlock (lines in opposite orders), and the ledger still adds up.
 */
@InventoryTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReservationConcurrencyTests {

	private static final int THREADS = 16;

	private static final int ATTEMPTS_PER_THREAD = 25;

	@Autowired
	RestTestClient client;

	@Autowired
	JdbcClient jdbc;

	ConfigurableApplicationContext secondInstance;

	@BeforeAll
	void startSecondInstance() {
		this.secondInstance = new SpringApplicationBuilder(InventoryServiceApplication.class)
			.initializers(RealDatastoresInitializer.forDatabase("inventory"), new TestDefaults())
			.run("--server.port=0", "--management.server.port=0", "--statewise.instance-id=inventory-test-2");
	}

	@AfterAll
	void stopSecondInstance() {
		this.secondInstance.close();
	}

	@Test
	void racingReservationsShouldReserveExactlyTheStockAndNeverGoNegative() throws Exception {
		String hot = scarceProduct(30);
		String warm = scarceProduct(40);
		List<RestTestClient> instances = List.of(this.client,
				TestClients.to(((WebServerApplicationContext) this.secondInstance).getWebServer().getPort()));
		AtomicInteger reservedHot = new AtomicInteger();
		AtomicInteger reservedWarm = new AtomicInteger();
		ConcurrentHashMap<Integer, Integer> statuses = new ConcurrentHashMap<>();

		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				RestTestClient instance = instances.get(t % 2);
				boolean hotFirst = t % 3 == 0;
				futures.add(pool.submit(() -> {
					for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
						int quantity = 1 + i % 2;
						String body = hotFirst ? lines(hot, quantity, warm, 1) : lines(warm, 1, hot, quantity);
						EntityExchangeResult<JsonNode> response = reserve(instance, reservation(UUID.randomUUID()),
								body)
							.returnResult(JsonNode.class);
						statuses.merge(response.getStatus().value(), 1, Integer::sum);
						if (response.getStatus().value() == 200
								&& "RESERVED".equals(response.getResponseBody().get("status").asString())) {
							reservedHot.addAndGet(quantity);
							reservedWarm.incrementAndGet();
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).containsOnlyKeys(200);
		assertThat(stock(hot)).isEqualTo(new int[] { 30 - reservedHot.get(), reservedHot.get() });
		assertThat(stock(warm)).isEqualTo(new int[] { 40 - reservedWarm.get(), reservedWarm.get() });
		assertThat(30 - reservedHot.get()).as("hot stock left over although demand was far higher").isLessThan(2);
		this.client.get().uri("/internal/consistency").exchange().expectBody().jsonPath("$.violations").isEmpty();
	}

	/** A product of its own, so the race does not depend on what other tests reserved. */
	private String scarceProduct(int units) {
		String id = "RACE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		this.jdbc.sql("""
				INSERT INTO product (id, name, description, category_id, price_minor, currency, image)
				VALUES (?, 'Race test product', 'Made by a test', 'coffee', 100, 'EUR', 'cof-001.svg')
				""").param(id).update();
		this.jdbc.sql("INSERT INTO stock VALUES (?, ?, ?, 0, 0)").params(id, units, units).update();
		this.jdbc.sql("INSERT INTO stock_movement (product_id, kind, quantity) VALUES (?, 'RECEIVED', ?)")
			.params(id, units)
			.update();
		return id;
	}

	private int[] stock(String productId) {
		return this.jdbc.sql("SELECT available, reserved FROM stock WHERE product_id = ?")
			.param(productId)
			.query((rs, row) -> new int[] { rs.getInt(1), rs.getInt(2) })
			.single();
	}

}
