package io.statewise.order.orders;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.statewise.order.FakeInventory;
import io.statewise.order.OrderServiceApplication;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import io.statewise.order.StubInventory;
import io.statewise.testkit.Pgbench;
import io.statewise.testkit.TestDefaults;
import io.statewise.testkit.RealDatastoresInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static io.statewise.testkit.Lines.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checkouts per second end to end (HTTP in, PostgreSQL, HTTP out to an inventory stub
 * that answers at once) next to pgbench running the same statements on the same server,
 * and checkout latency while the inventory circuit is open. Not a test of speed: it
 * prints the figures for docs/benchmarks.md. Run with {@code ./mvnw -Pbenchmark -pl
 * order-service verify -Dtest=CheckoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false};
 * knobs {@code -Dbench.threads}, {@code -Dbench.seconds}, {@code -Dbench.warmup}
 * (seconds; on a busy machine the first scenario needs more than the default 5 to leave
 * the JIT behind).
 */
@Tag("benchmark")
@OrderTest
class CheckoutBenchmark {

	private static final int THREADS = Integer.getInteger("bench.threads", 8);

	private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

	private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 5));

	private static final int PRODUCTS = 400;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	CircuitBreakerRegistry circuitBreakers;

	@Test
	void checkoutsPerSecondComparedWithPgbenchAndLatencyWithTheCircuitOpen() throws Exception {
		Shop shop = new Shop(this.port, this.context);
		shop.healthyInventory();
		List<String> products = new ArrayList<>();
		for (int i = 0; i < PRODUCTS; i++) {
			products.add(FakeInventory.get().product(100_000_000));
		}
		Result confirmed;
		Result confirmedSingle;
		try (StubInventory stub = StubInventory.start();
				ConfigurableApplicationContext instance = new SpringApplicationBuilder(OrderServiceApplication.class)
					.profiles("test")
					.initializers(RealDatastoresInitializer.forDatabase("orders"), new TestDefaults())
					.run("--server.port=0", "--management.server.port=0",
							"--spring.cloud.discovery.client.simple.instances.inventory-service=" + stub.url())) {
			Shop stubbed = new Shop(((WebServerApplicationContext) instance).getWebServer().getPort(), instance);
			run(stubbed, products, WARMUP, 201);
			confirmed = run(stubbed, products, RUN, 201);
			confirmedSingle = runSingle(stubbed, products, RUN, 201);
		}
		double pgbench = pgbench(checkoutSql());
		CircuitBreaker circuit = this.circuitBreakers.circuitBreaker("inventory");
		circuit.transitionToForcedOpenState();
		try {
			run(shop, products, WARMUP, 202);
			Result open = run(shop, products, RUN, 202);
			Result openSingle = runSingle(shop, products, RUN, 202);
			String table = String.join("\n",
					"| scenario | checkouts/s | p50 ms | p99 ms | JVM CPU ms/checkout | pgbench same SQL tx/s | ratio |",
					"|---|---|---|---|---|---|---|",
					row("inventory answering at once, " + THREADS + " threads", confirmed, figure(pgbench, confirmed)),
					row("inventory answering at once, 1 thread", confirmedSingle, "— | —"),
					row("circuit open (202 PENDING), " + THREADS + " threads", open, "— | —"),
					row("circuit open (202 PENDING), 1 thread", openSingle, "— | —"));
			System.out.println("\n" + table + "\n");
			Path report = Path.of("target/benchmarks/checkouts.md");
			Files.createDirectories(report.getParent());
			Files.writeString(report, table + "\n");
		}
		finally {
			circuit.reset();
		}
		assertThat(confirmed.count()).isPositive();
	}

	private static String row(String scenario, Result result, String pgbench) {
		return "| %s | %.0f | %.1f | %.1f | %.2f | %s |".formatted(scenario, result.perSecond(), result.p(50),
				result.p(99), result.cpuPerCheckout(), pgbench);
	}

	private static String figure(double pgbench, Result statewise) {
		return (pgbench > 0) ? "%.0f | %.2f".formatted(pgbench, statewise.perSecond() / pgbench) : "n/a | n/a";
	}

	private static Result run(Shop shop, List<String> products, Duration duration, int expected)
			throws InterruptedException {
		LongAdder done = new LongAdder();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread thread = new Thread(() -> {
				while (running.get()) {
					checkout(shop, products, expected, done, latencies);
				}
			});
			thread.start();
			threads.add(thread);
		}
		long started = System.nanoTime();
		long cpu = cpu();
		Thread.sleep(duration.toMillis());
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		return new Result(done.sum(), (System.nanoTime() - started) / 1e9, cpu() - cpu, new ArrayList<>(latencies));
	}

	private static Result runSingle(Shop shop, List<String> products, Duration duration, int expected) {
		LongAdder done = new LongAdder();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		long started = System.nanoTime();
		long cpu = cpu();
		while (System.nanoTime() - started < duration.toNanos()) {
			checkout(shop, products, expected, done, latencies);
		}
		return new Result(done.sum(), (System.nanoTime() - started) / 1e9, cpu() - cpu, new ArrayList<>(latencies));
	}

	private static void checkout(Shop shop, List<String> products, int expected, LongAdder done,
			ConcurrentLinkedQueue<Long> latencies) {
		String product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
		long start = System.nanoTime();
		int status = Shop.status(shop.checkout("bench-user", Shop.key(), lines(product, 1)));
		latencies.add(System.nanoTime() - start);
		if (status == expected) {
			done.increment();
		}
	}

	/**
	 * The statements order-service sends for one confirmed checkout (OrderRepository), in
	 * its two transactions, without Java, HTTP or inventory: PostgreSQL's share.
	 */
	private static String checkoutSql() {
		String order = "CAST(lpad(to_hex(:r), 32, '0') AS uuid)";
		String product = "'BENCH-' || :n";
		String columns = "id, user_id, status, reason, total_minor, currency, attempts, release_pending,"
				+ " response_status, response_body, created_at, updated_at, now() AS now";
		return String.join("\n", "\\set r random(1, 9223372036854775807)", "\\set n random(1, " + PRODUCTS + ")",
				"BEGIN;",
				"WITH o AS (INSERT INTO orders (id, user_id, idempotency_key, request_fingerprint, status,"
						+ " next_attempt_at) VALUES (" + order + ", 'pgbench', 'k' || :r, 'f', 'PENDING',"
						+ " now() + interval '5 seconds') ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id),"
						+ " l AS (INSERT INTO order_line (order_id, product_id, quantity) SELECT o.id, i.product_id,"
						+ " i.quantity FROM o, unnest(ARRAY[" + product + "], ARRAY[1]) AS i(product_id, quantity)),"
						+ " h AS (INSERT INTO order_status_history (order_id, status) SELECT o.id, 'PENDING' FROM o)"
						+ " SELECT count(*) FROM o;",
				"END;", "BEGIN;", "SELECT " + columns + " FROM orders WHERE id = " + order + " FOR UPDATE;",
				"SELECT product_id, quantity FROM order_line WHERE order_id = " + order + " ORDER BY product_id;",
				"UPDATE order_line l SET unit_price_minor = p.price, currency = p.currency, available = p.available"
						+ " FROM unnest(ARRAY[" + product + "], ARRAY[100::bigint], ARRAY['EUR'], ARRAY[NULL::int])"
						+ " AS p(product_id, price, currency, available) WHERE l.order_id = " + order
						+ " AND l.product_id = p.product_id;",
				"UPDATE orders SET total_minor = 100, currency = 'EUR' WHERE id = " + order + ";",
				"WITH s AS (UPDATE orders SET status = 'CONFIRMED', reason = NULL, release_pending = false,"
						+ " next_attempt_at = now(), updated_at = now() WHERE id = " + order + " RETURNING id)"
						+ " INSERT INTO order_status_history (order_id, status, reason) SELECT s.id, 'CONFIRMED', NULL"
						+ " FROM s;",
				"UPDATE orders SET response_status = 201, response_body = repeat('x', 520) WHERE id = " + order + ";",
				"END;", "");
	}

	/** pgbench's transactions per second, or -1 without pgbench on the PATH. */
	private double pgbench(String scriptText) throws IOException, InterruptedException {
		return Pgbench.tps("orders", scriptText, THREADS, RUN).orElse(-1);
	}

	/**
	 * CPU time of this JVM so far (order-service, the benchmark's client threads and the
	 * stub), in nanoseconds.
	 */
	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private record Result(long count, double seconds, long cpuNanos, List<Long> latencies) {

		double perSecond() {
			return this.count / this.seconds;
		}

		/** JVM CPU milliseconds per checkout answered as expected. */
		double cpuPerCheckout() {
			return (this.count > 0) ? this.cpuNanos / 1e6 / this.count : 0;
		}

		double p(int percentile) {
			List<Long> sorted = new ArrayList<>(this.latencies);
			Collections.sort(sorted);
			return sorted.isEmpty() ? 0
					: sorted.get(Math.min(sorted.size() - 1, sorted.size() * percentile / 100)) / 1e6;
		}

	}

}
