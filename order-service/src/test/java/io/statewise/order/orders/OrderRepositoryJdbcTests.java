package io.statewise.order.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.statewise.order.inventory.Line;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders repository alone (a {@code @JdbcTest} slice: the real PostgreSQL migrated by
 * Flyway, no web layer, each test rolled back): the database's part of an idempotent
 * checkout, and what a user may see.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@RealDatastores(database = "orders", redis = false)
@Import(OrderRepository.class)
class OrderRepositoryJdbcTests {

	private static final List<Line> LINES = List.of(new Line("CUP-001", 2), new Line("MUG-002", 1));

	@Autowired
	OrderRepository orders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aCheckoutsRecordShouldReadBackAsTheOrderItStandsFor() {
		UUID id = UUID.randomUUID();
		String user = user();
		Instant created = this.orders.insert(id, user, "key-00000001", "fingerprint", LINES, Instant.now())
			.orElseThrow();
		// OrderService answers with Order.recorded, without reading the order back
		assertThat(this.orders.find(id, user)).contains(Order.recorded(id, LINES, created));
	}

	@Test
	void theSameKeyOfOneUserShouldRecordOneOrderWithOneSetOfLines() {
		String user = user();
		UUID first = UUID.randomUUID();
		assertThat(this.orders.insert(first, user, "key-00000001", "fingerprint", LINES, Instant.now())).isPresent();
		assertThat(this.orders.insert(UUID.randomUUID(), user, "key-00000001", "another", LINES, Instant.now()))
			.isEmpty();
		assertThat(this.orders.findByKey(user, "key-00000001")).hasValueSatisfying((keyed) -> {
			assertThat(keyed.id()).isEqualTo(first);
			assertThat(keyed.fingerprint()).isEqualTo("fingerprint");
			assertThat(keyed.responseStatus()).isNull();
		});
		assertThat(rows("order_line", user)).isEqualTo(LINES.size());
		assertThat(rows("order_status_history", user)).isEqualTo(1);
	}

	@Test
	void theSameKeyOfAnotherUserShouldBeAnotherOrder() {
		assertThat(this.orders.insert(UUID.randomUUID(), user(), "key-00000001", "f", LINES, Instant.now()))
			.isPresent();
		assertThat(this.orders.insert(UUID.randomUUID(), user(), "key-00000001", "f", LINES, Instant.now()))
			.isPresent();
	}

	@Test
	void anotherUsersOrderShouldBeAsUnknownAsARandomId() {
		UUID id = UUID.randomUUID();
		this.orders.insert(id, user(), "key-00000001", "f", LINES, Instant.now());
		String stranger = user();
		assertThat(this.orders.find(id, stranger)).isEmpty();
		assertThat(this.orders.page(stranger, 0, 20)).isEmpty();
		assertThat(this.orders.count(stranger)).isZero();
	}

	@Test
	void aUsersPagesShouldListEveryOrderOnceNewestFirst() {
		String user = user();
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			UUID id = UUID.randomUUID();
			placed.add(0, id);
			this.orders.insert(id, user, "key-0000000" + i, "f", LINES, Instant.now());
			// the test is one transaction, whose now() never moves: each order its own
			// second
			this.jdbc.sql("UPDATE orders SET created_at = created_at + make_interval(secs => ?) WHERE id = ?")
				.params(i, id)
				.update();
		}
		List<UUID> pages = Stream.concat(this.orders.page(user, 0, 3).stream(), this.orders.page(user, 1, 3).stream())
			.map(Order::id)
			.toList();
		assertThat(pages).isEqualTo(placed);
		assertThat(this.orders.count(user)).isEqualTo(5);
	}

	private long rows(String table, String user) {
		return this.jdbc
			.sql("SELECT count(*) FROM " + table + " t JOIN orders o ON o.id = t.order_id WHERE o.user_id = ?")
			.param(user)
			.query(Long.class)
			.single();
	}

	private static String user() {
		return UUID.randomUUID().toString();
	}

}
