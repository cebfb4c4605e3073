package io.statewise.order.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.statewise.order.inventory.Line;
import io.statewise.order.inventory.Money;
import io.statewise.order.inventory.PricedLine;
import io.statewise.order.inventory.ShortLine;
import io.statewise.order.orders.Order.OrderLine;
import io.statewise.order.orders.Order.StatusChange;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of orders. Callers hold the transaction; row locks decide who works on an
 * order.
 */
@Repository
class OrderRepository {

	private static final String ORDER_COLUMNS = """
			id, user_id, status, reason, total_minor, currency, attempts, release_pending,
			response_status, response_body, created_at, updated_at, now() AS now""";

	private final JdbcClient jdbc;

	OrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a new PENDING order with its lines and first history entry, unless this
	 * user already used this key: one statement, so a racing duplicate waits on the
	 * unique key and then inserts nothing at all. Returns when the order was created
	 * (also its first history entry's time: both are the transaction's {@code now()}),
	 * empty if the key was used.
	 */
	Optional<Instant> insert(UUID id, String userId, String key, String fingerprint, List<Line> lines,
			Instant firstLook) {
		return this.jdbc.sql("""
				WITH o AS (
				    INSERT INTO orders (id, user_id, idempotency_key, request_fingerprint, status, next_attempt_at)
				    VALUES (:id, :user, :key, :fingerprint, 'PENDING', :firstLook)
				    ON CONFLICT (user_id, idempotency_key) DO NOTHING
				    RETURNING id, created_at),
				l AS (
				    INSERT INTO order_line (order_id, product_id, quantity)
				    SELECT o.id, i.product_id, i.quantity FROM o, unnest(:products::text[], :quantities::int[])
				        AS i(product_id, quantity)),
				h AS (
				    INSERT INTO order_status_history (order_id, status) SELECT o.id, 'PENDING' FROM o)
				SELECT created_at FROM o
				""")
			.param("id", id)
			.param("user", userId)
			.param("key", key)
			.param("fingerprint", fingerprint)
			.param("firstLook", timestamp(firstLook))
			.param("products", lines.stream().map(Line::productId).toArray(String[]::new))
			.param("quantities", lines.stream().map(Line::quantity).toArray(Integer[]::new))
			.query((rs, row) -> instant(rs, "created_at"))
			.optional();
	}

	Optional<Keyed> findByKey(String userId, String key) {
		return this.jdbc.sql("""
				SELECT id, request_fingerprint, response_status, response_body
				FROM orders WHERE user_id = ? AND idempotency_key = ?
				""")
			.params(userId, key)
			.query((rs, row) -> new Keyed(rs.getObject("id", UUID.class), rs.getString("request_fingerprint"),
					(Integer) rs.getObject("response_status"), rs.getString("response_body")))
			.optional();
	}

	/** Locks an order for this transaction, waiting for whoever holds it. */
	Optional<Locked> lock(UUID id) {
		return this.jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ? FOR UPDATE")
			.param(id)
			.query((rs, row) -> locked(rs))
			.optional()
			.map((locked) -> locked.withLines(lines(id)));
	}

	/**
	 * Claims the reconciler's next due order: PENDING, or given up with a release not yet
	 * acknowledged. Rows another instance holds are skipped, never waited for.
	 */
	Optional<Locked> claimNextDue() {
		return this.jdbc.sql("SELECT " + ORDER_COLUMNS + """
				 FROM orders
				WHERE (status = 'PENDING' OR release_pending) AND next_attempt_at <= now()
				ORDER BY next_attempt_at
				LIMIT 1
				FOR UPDATE SKIP LOCKED
				""").query((rs, row) -> locked(rs)).optional().map((locked) -> locked.withLines(lines(locked.id())));
	}

	private List<Line> lines(UUID id) {
		return this.jdbc.sql("SELECT product_id, quantity FROM order_line WHERE order_id = ? ORDER BY product_id")
			.param(id)
			.query((rs, row) -> new Line(rs.getString("product_id"), rs.getInt("quantity")))
			.list();
	}

	void confirm(UUID id, List<PricedLine> priced) {
		price(id, priced, List.of());
		setStatus(id, OrderStatus.CONFIRMED, null, false, null);
	}

	void reject(UUID id, List<PricedLine> priced, List<ShortLine> shortLines, String reason, boolean releasePending) {
		price(id, priced, shortLines);
		setStatus(id, OrderStatus.REJECTED, reason, releasePending, null);
	}

	/**
	 * Cancelled, its release still to do: the reconciler takes it over from
	 * {@code releaseFrom} on if the canceller has not released it by then.
	 */
	void cancel(UUID id, String reason, Instant releaseFrom) {
		setStatus(id, OrderStatus.CANCELLED, reason, true, releaseFrom);
	}

	/** Stores the price snapshot, the total and, for short lines, what was available. */
	private void price(UUID id, List<PricedLine> priced, List<ShortLine> shortLines) {
		if (priced.isEmpty()) {
			return;
		}
		Map<String, Integer> available = new LinkedHashMap<>();
		shortLines.forEach((line) -> available.put(line.productId(), line.available()));
		this.jdbc.sql("""
				UPDATE order_line l SET unit_price_minor = p.price, currency = p.currency, available = p.available
				FROM unnest(?::text[], ?::bigint[], ?::text[], ?::int[]) AS p(product_id, price, currency, available)
				WHERE l.order_id = ? AND l.product_id = p.product_id
				""")
			.params(priced.stream().map(PricedLine::productId).toArray(String[]::new),
					priced.stream().map((line) -> line.unitPrice().amountMinor()).toArray(Long[]::new),
					priced.stream().map((line) -> line.unitPrice().currency()).toArray(String[]::new),
					priced.stream().map((line) -> available.get(line.productId())).toArray(Integer[]::new), id)
			.update();
		Money total = total(priced);
		if (total != null) {
			this.jdbc.sql("UPDATE orders SET total_minor = ?, currency = ? WHERE id = ?")
				.params(total.amountMinor(), total.currency(), id)
				.update();
		}
	}

	static @Nullable Money total(List<PricedLine> priced) {
		String currency = priced.get(0).unitPrice().currency();
		if (priced.stream().anyMatch((line) -> !line.unitPrice().currency().equals(currency))) {
			return null;
		}
		return new Money(priced.stream().mapToLong((line) -> line.unitPrice().amountMinor() * line.quantity()).sum(),
				currency);
	}

	/**
	 * The new status and its history entry, in one statement; the reconciler may look at
	 * the order from {@code nextLook} on (now if null).
	 */
	private void setStatus(UUID id, OrderStatus status, @Nullable String reason, boolean releasePending,
			@Nullable Instant nextLook) {
		this.jdbc.sql("""
				WITH s AS (
				    UPDATE orders SET status = :status, reason = :reason, release_pending = :releasePending,
				        next_attempt_at = COALESCE(CAST(:nextLook AS timestamptz), now()), updated_at = now()
				    WHERE id = :id
				    RETURNING id)
				INSERT INTO order_status_history (order_id, status, reason) SELECT s.id, :status, :reason FROM s
				""")
			.param("id", id)
			.param("status", status.name())
			.param("reason", reason, java.sql.Types.VARCHAR)
			.param("releasePending", releasePending)
			.param("nextLook", (nextLook != null) ? timestamp(nextLook) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.update();
	}

	/** Inventory gave no answer: look again at {@code next}. */
	void reschedule(UUID id, Instant next) {
		this.jdbc.sql("UPDATE orders SET attempts = attempts + 1, next_attempt_at = ?, updated_at = now() WHERE id = ?")
			.params(timestamp(next), id)
			.update();
	}

	void releaseDone(UUID id) {
		this.jdbc.sql("UPDATE orders SET release_pending = false, updated_at = now() WHERE id = ?").param(id).update();
	}

	void recordResponse(UUID id, int status, String body) {
		this.jdbc.sql("UPDATE orders SET response_status = ?, response_body = ? WHERE id = ?")
			.params(status, body, id)
			.update();
	}

	/**
	 * The order if it is this user's: another user's order id is as unknown as a random
	 * one.
	 */
	Optional<Order> find(UUID id, String userId) {
		return this.jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE id = ? AND user_id = ?")
			.params(id, userId)
			.query((rs, row) -> locked(rs))
			.optional()
			.map((row) -> complete(List.of(row)).get(0));
	}

	/** The user's orders, newest first. */
	List<Order> page(String userId, int page, int size) {
		List<Locked> rows = this.jdbc.sql("SELECT " + ORDER_COLUMNS + """
				 FROM orders WHERE user_id = ?
				ORDER BY created_at DESC, id DESC
				LIMIT ? OFFSET ?
				""").params(userId, size, (long) page * size).query((rs, row) -> locked(rs)).list();
		return complete(rows);
	}

	long count(String userId) {
		return this.jdbc.sql("SELECT count(*) FROM orders WHERE user_id = ?").param(userId).query(Long.class).single();
	}

	/** How many orders wait for inventory, and for how long the oldest has. */
	Backlog backlog() {
		return this.jdbc.sql("""
				SELECT count(*) AS pending, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) AS oldest
				FROM orders WHERE status = 'PENDING'
				""")
			.query((rs, row) -> new Backlog(rs.getLong("pending"),
					Duration.ofMillis(Math.round(rs.getDouble("oldest") * 1000))))
			.single();
	}

	/** Adds lines and history to order rows, two queries for the whole page. */
	private List<Order> complete(List<Locked> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(Locked::id).toArray(UUID[]::new);
		Map<UUID, List<LineRow>> lines = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT order_id, product_id, quantity, unit_price_minor, currency, available
				FROM order_line WHERE order_id = ANY (?) ORDER BY order_id, product_id
				""").param(ids).query((ResultSet rs) -> {
			lines.computeIfAbsent(rs.getObject("order_id", UUID.class), (key) -> new ArrayList<>()).add(lineRow(rs));
		});
		Map<UUID, List<StatusChange>> history = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT order_id, status, reason, at FROM order_status_history WHERE order_id = ANY (?) ORDER BY id")
			.param(ids)
			.query((ResultSet rs) -> {
				history.computeIfAbsent(rs.getObject("order_id", UUID.class), (key) -> new ArrayList<>())
					.add(new StatusChange(OrderStatus.valueOf(rs.getString("status")), rs.getString("reason"),
							instant(rs, "at")));
			});
		return rows.stream()
			.map((row) -> row.toOrder(lines.getOrDefault(row.id(), List.of()),
					history.getOrDefault(row.id(), List.of())))
			.toList();
	}

	private static LineRow lineRow(ResultSet rs) throws SQLException {
		long price = rs.getLong("unit_price_minor");
		Money unitPrice = rs.wasNull() ? null : new Money(price, rs.getString("currency"));
		return new LineRow(new OrderLine(rs.getString("product_id"), rs.getInt("quantity"), unitPrice),
				(Integer) rs.getObject("available"));
	}

	private static Locked locked(ResultSet rs) throws SQLException {
		long total = rs.getLong("total_minor");
		Money money = rs.wasNull() ? null : new Money(total, rs.getString("currency"));
		Integer responseStatus = (Integer) rs.getObject("response_status");
		return new Locked(rs.getObject("id", UUID.class), rs.getString("user_id"),
				OrderStatus.valueOf(rs.getString("status")), rs.getString("reason"), money, rs.getInt("attempts"),
				rs.getBoolean("release_pending"), responseStatus, rs.getString("response_body"),
				instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "now"), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(java.time.ZoneOffset.UTC);
	}

	/** An order found by its key, with the answer its checkout recorded, if any yet. */
	record Keyed(UUID id, String fingerprint, @Nullable Integer responseStatus, @Nullable String responseBody) {

	}

	record Backlog(long pending, Duration oldest) {

	}

	private record LineRow(OrderLine line, @Nullable Integer available) {

	}

	/**
	 * An order row as the saga and the reconciler see it; {@code now} is the time of the
	 * transaction that read it, the {@code now()} its statements write.
	 */
	record Locked(UUID id, String userId, OrderStatus status, @Nullable String reason, @Nullable Money total,
			int attempts, boolean releasePending, @Nullable Integer responseStatus, @Nullable String responseBody,
			Instant createdAt, Instant updatedAt, Instant now, List<Line> lines) {

		Locked withLines(List<Line> lines) {
			return new Locked(this.id, this.userId, this.status, this.reason, this.total, this.attempts,
					this.releasePending, this.responseStatus, this.responseBody, this.createdAt, this.updatedAt,
					this.now, lines);
		}

		/**
		 * This PENDING order as its transaction leaves it after {@link #confirm},
		 * {@link #reject} or {@link #reschedule}, known without reading it back: those
		 * statements write exactly this, at the transaction's time, and a PENDING order's
		 * only history entry is its first.
		 */
		Order afterSagaStep(OrderStatus status, @Nullable String reason, List<PricedLine> priced,
				List<ShortLine> shortLines) {
			Map<String, PricedLine> prices = new LinkedHashMap<>();
			priced.forEach((line) -> prices.put(line.productId(), line));
			Map<String, Integer> available = new LinkedHashMap<>();
			shortLines.forEach((line) -> available.put(line.productId(), line.available()));
			List<LineRow> rows = this.lines.stream().map((line) -> {
				PricedLine price = prices.get(line.productId());
				return new LineRow(
						new OrderLine(line.productId(), line.quantity(), (price != null) ? price.unitPrice() : null),
						(price != null) ? available.get(line.productId()) : null);
			}).toList();
			Money newTotal = priced.isEmpty() ? null : OrderRepository.total(priced);
			List<StatusChange> history = new ArrayList<>(
					List.of(new StatusChange(OrderStatus.PENDING, null, this.createdAt)));
			if (status != OrderStatus.PENDING) {
				history.add(new StatusChange(status, reason, this.now));
			}
			return new Locked(this.id, this.userId, status, reason, (newTotal != null) ? newTotal : this.total,
					this.attempts, this.releasePending, this.responseStatus, this.responseBody, this.createdAt,
					this.now, this.now, this.lines)
				.toOrder(rows, history);
		}

		Order toOrder(List<LineRow> lines, List<StatusChange> history) {
			return new Order(this.id, this.status, this.reason, lines.stream().map(LineRow::line).toList(),
					lines.stream()
						.filter((row) -> row.available() != null)
						.map((row) -> new ShortLine(row.line().productId(), row.line().quantity(), row.available()))
						.toList(),
					this.total, this.createdAt, this.updatedAt, history);
		}

	}

}
