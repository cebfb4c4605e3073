package io.statewise.inventory.reservation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.statewise.inventory.InventoryTest;
import io.statewise.inventory.reservation.ReservationRequest.Line;
import io.statewise.testkit.Pgbench;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations per second against the embedded PostgreSQL, with contention (every
 * reservation on one of 4 hot products) and without (one of 400), next to pgbench on the
 * same server running (a) the one-row conditional update at the core of a reservation and
 * (b) the reservation's own SQL. Not a test of speed: it prints the figures for
 * docs/benchmarks.md. Run with {@code ./mvnw -Pbenchmark -pl inventory-service -am verify
 * -Dtest=ReservationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; knobs
 * {@code -Dbench.threads}, {@code -Dbench.seconds}.
 */
@Tag("benchmark")
@InventoryTest
class ReservationBenchmark {

	private static final int THREADS = Integer.getInteger("bench.threads", 8);

	private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

	private static final Duration WARMUP = Duration.ofSeconds(5);

	@Autowired
	ReservationService reservations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void reservationsPerSecondComparedWithPgbench() throws Exception {
		List<String> rows = new ArrayList<>(List.of(
				"| scenario | Statewise reservations/s | pgbench one-row update/s | ratio | pgbench reservation SQL/s | ratio |",
				"|---|---|---|---|---|---|"));
		for (int products : new int[] { 4, 400 }) {
			List<String> ids = benchProducts(products);
			run(ids, WARMUP);
			double statewise = run(ids, RUN);
			double update = pgbench(oneRowUpdate(products));
			double reservation = pgbench(reservationSql(products));
			rows.add("| %s (%d products, %d threads) | %.0f | %s | %s |".formatted(
					(products < 10) ? "contention" : "no contention", products, THREADS, statewise,
					figure(update, statewise), figure(reservation, statewise)));
		}
		String table = String.join("\n", rows);
		System.out.println("\n" + table + "\n");
		Path report = Path.of("target/benchmarks/reservations.md");
		Files.createDirectories(report.getParent());
		Files.writeString(report, table + "\n");
		assertThat(this.jdbc.sql("SELECT count(*) FROM stock WHERE available < 0").query(Long.class).single()).isZero();
	}

	private static String figure(double pgbench, double statewise) {
		return (pgbench > 0) ? "%.0f | %.2f".formatted(pgbench, statewise / pgbench) : "n/a | n/a";
	}

	private List<String> benchProducts(int count) {
		String prefix = "BENCH-" + count + "-";
		this.jdbc.sql("""
				INSERT INTO product (id, name, description, category_id, price_minor, currency, image)
				SELECT :prefix || n, 'Bench ' || n, 'Benchmark product', 'coffee', 100, 'EUR', 'cof-001.svg'
				FROM generate_series(1, :count) n ON CONFLICT DO NOTHING
				""").param("prefix", prefix).param("count", count).update();
		this.jdbc.sql("""
				INSERT INTO stock SELECT :prefix || n, 100000000, 100000000, 0, 0
				FROM generate_series(1, :count) n ON CONFLICT DO NOTHING
				""").param("prefix", prefix).param("count", count).update();
		this.jdbc.sql("DROP TABLE IF EXISTS bench_stock").update();
		this.jdbc.sql("CREATE TABLE bench_stock (id int PRIMARY KEY, available int NOT NULL, reserved int NOT NULL)")
			.update();
		this.jdbc.sql("INSERT INTO bench_stock SELECT n, 100000000, 0 FROM generate_series(1, ?) n")
			.param(count)
			.update();
		List<String> ids = new ArrayList<>();
		for (int n = 1; n <= count; n++) {
			ids.add(prefix + n);
		}
		return ids;
	}

	private double run(List<String> ids, Duration duration) throws InterruptedException {
		LongAdder reserved = new LongAdder();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			Thread thread = new Thread(() -> {
				while (running.get()) {
					String product = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
					Reservation reservation = this.reservations.reserve(UUID.randomUUID(),
							List.of(new Line(product, 1)));
					if (reservation.status() == Reservation.Status.RESERVED) {
						reserved.increment();
					}
				}
			});
			thread.start();
			threads.add(thread);
		}
		long started = System.nanoTime();
		Thread.sleep(duration.toMillis());
		running.set(false);
		for (Thread thread : threads) {
			thread.join();
		}
		return reserved.sum() / ((System.nanoTime() - started) / 1e9);
	}

	/** The core of a reservation: one conditional update of one stock row. */
	private static String oneRowUpdate(int products) {
		return "\\set id random(1, " + products + ")\n"
				+ "UPDATE bench_stock SET available = available - 1, reserved = reserved + 1"
				+ " WHERE id = :id AND available >= 1;\n";
	}

	/**
	 * What ReservationRepository sends for a one-line reservation (claim-and-lock, then
	 * update + ledger + line in one statement, in a transaction), without Java: the part
	 * of the cost that is PostgreSQL's own.
	 */
	private static String reservationSql(int products) {
		String product = "'BENCH-" + products + "-' || :n";
		String order = "CAST(lpad(to_hex(:r), 32, '0') AS uuid)";
		return "\\set n random(1, " + products + ")\n" + "\\set r random(1, 9223372036854775807)\n" + "BEGIN;\n"
				+ "WITH claim AS (INSERT INTO reservation (order_id, status, fingerprint) VALUES (" + order
				+ ", 'RESERVED', 'pgbench') ON CONFLICT (order_id) DO NOTHING RETURNING order_id)"
				+ " SELECT s.product_id, s.available, p.price_minor, p.currency, EXISTS (SELECT 1 FROM claim)"
				+ " FROM stock s JOIN product p ON p.id = s.product_id WHERE s.product_id = " + product
				+ " ORDER BY s.product_id FOR UPDATE OF s;\n"
				+ "WITH moved AS (UPDATE stock s SET available = s.available - 1, reserved = s.reserved + 1"
				+ " WHERE s.product_id = " + product + " AND s.available >= 1 RETURNING s.product_id),"
				+ " ledger AS (INSERT INTO stock_movement (product_id, kind, quantity, order_id) VALUES (" + product
				+ ", 'RESERVED', 1, " + order + ")),"
				+ " kept AS (INSERT INTO reservation_line (order_id, product_id, quantity, unit_price_minor, currency)"
				+ " VALUES (" + order + ", " + product + ", 1, 100, 'EUR')) SELECT count(*) FROM moved;\n" + "END;\n";
	}

	/** pgbench's transactions per second, or -1 without pgbench on the PATH. */
	private double pgbench(String scriptText) throws IOException, InterruptedException {
		return Pgbench.tps("inventory", scriptText, THREADS, RUN).orElse(-1);
	}

}
