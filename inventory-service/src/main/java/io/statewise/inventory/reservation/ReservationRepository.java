package io.statewise.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.statewise.inventory.catalog.Money;
import io.statewise.inventory.reservation.Reservation.ReservedLine;
import io.statewise.inventory.reservation.Reservation.ShortLine;
import io.statewise.inventory.reservation.Reservation.Status;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of reservations. Stock rows are always locked in product-id order before they
 * change, and every change is a conditional update ({@code available >= quantity}), so
 * concurrent reservations can neither oversell nor deadlock. Lines travel as arrays
 * ({@code unnest}), so a reservation costs the same few round trips whatever its size:
 * claim-and-lock, write, commit.
 */
@Repository
class ReservationRepository {

	private static final String LOCKED_STOCK = """
			SELECT s.product_id, s.available, p.price_minor, p.currency%s
			FROM stock s JOIN product p ON p.id = s.product_id
			WHERE s.product_id = ANY (?)
			ORDER BY s.product_id
			FOR UPDATE OF s
			""";

	private final JdbcClient jdbc;

	ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the order id and locks its products' stock rows, in one round trip. A
	 * concurrent call with the same order id waits on the claim until the first commits,
	 * then sees {@code claimed = false}.
	 */
	Claim claimAndLock(UUID orderId, String fingerprint, List<String> productIds) {
		List<StockRow> rows = new ArrayList<>();
		boolean[] claimed = { false };
		this.jdbc.sql("""
				WITH claim AS (
				    INSERT INTO reservation (order_id, status, fingerprint) VALUES (?, 'RESERVED', ?)
				    ON CONFLICT (order_id) DO NOTHING
				    RETURNING order_id)
				""" + LOCKED_STOCK.formatted(", EXISTS (SELECT 1 FROM claim) AS claimed"))
			.params(orderId, fingerprint, productIds.toArray(String[]::new))
			.query((rs) -> {
				claimed[0] = rs.getBoolean("claimed");
				rows.add(new StockRow(rs.getString("product_id"), rs.getInt("available"),
						new Money(rs.getLong("price_minor"), rs.getString("currency"))));
			});
		return new Claim(claimed[0], rows);
	}

	/**
	 * Claims an order id with no lines (a release that came first); false if it exists.
	 */
	boolean claimReleased(UUID orderId) {
		return this.jdbc.sql("""
				INSERT INTO reservation (order_id, status) VALUES (?, 'RELEASED')
				ON CONFLICT (order_id) DO NOTHING
				""").param(orderId).update() == 1;
	}

	Optional<Header> lock(UUID orderId) {
		return header("SELECT status, fingerprint FROM reservation WHERE order_id = ? FOR UPDATE", orderId);
	}

	Optional<Header> find(UUID orderId) {
		return header("SELECT status, fingerprint FROM reservation WHERE order_id = ?", orderId);
	}

	private Optional<Header> header(String sql, UUID orderId) {
		return this.jdbc.sql(sql)
			.param(orderId)
			.query((rs, row) -> new Header(Status.valueOf(rs.getString("status")), rs.getString("fingerprint")))
			.optional();
	}

	/** Locks the stock rows of these products in id order. */
	void lockStock(List<String> productIds) {
		this.jdbc.sql(LOCKED_STOCK.formatted("")).param(productIds.toArray(String[]::new)).query((rs) -> {
		});
	}

	/**
	 * Moves the units of these lines between stock columns, records them in the ledger
	 * and, for a reserve, keeps the lines with their price snapshot: one statement. Fails
	 * (and so rolls back) unless every line found enough units on its locked row.
	 */
	void move(UUID orderId, List<ReservedLine> lines, Movement movement) {
		String keepLines = (movement != Movement.RESERVED) ? "" : """
				, kept AS (
				    INSERT INTO reservation_line (order_id, product_id, quantity, unit_price_minor, currency)
				    SELECT :order, product_id, quantity, price_minor, currency FROM input)
				""";
		long moved = this.jdbc.sql("""
				WITH input AS (
				    SELECT * FROM unnest(:products::text[], :quantities::int[], :prices::bigint[], :currencies::text[])
				        AS i(product_id, quantity, price_minor, currency)),
				moved AS (
				    UPDATE stock s SET %s
				    FROM input i WHERE s.product_id = i.product_id AND s.%s >= i.quantity
				    RETURNING s.product_id),
				ledger AS (
				    INSERT INTO stock_movement (product_id, kind, quantity, order_id)
				    SELECT product_id, :kind, quantity, :order FROM input)
				%s
				SELECT count(*) FROM moved
				""".formatted(movement.assignments, movement.guard, keepLines))
			.param("products", lines.stream().map(ReservedLine::productId).toArray(String[]::new))
			.param("quantities", lines.stream().map(ReservedLine::quantity).toArray(Integer[]::new))
			.param("prices", lines.stream().map((line) -> line.unitPrice().amountMinor()).toArray(Long[]::new))
			.param("currencies", lines.stream().map((line) -> line.unitPrice().currency()).toArray(String[]::new))
			.param("kind", movement.name())
			.param("order", orderId)
			.query(Long.class)
			.single();
		if (moved != lines.size()) {
			throw new IllegalStateException(
					movement + " of order " + orderId + " found too little stock on a locked row; rolled back");
		}
	}

	/**
	 * Keeps the lines of a rejected reservation, with what was available for the short
	 * ones.
	 */
	void keepRejectedLines(UUID orderId, List<ReservedLine> lines, List<@Nullable Integer> available) {
		this.jdbc.sql("""
				INSERT INTO reservation_line (order_id, product_id, quantity, unit_price_minor, currency, available)
				SELECT ?, * FROM unnest(?::text[], ?::int[], ?::bigint[], ?::text[], ?::int[])
				""")
			.params(orderId, lines.stream().map(ReservedLine::productId).toArray(String[]::new),
					lines.stream().map(ReservedLine::quantity).toArray(Integer[]::new),
					lines.stream().map((line) -> line.unitPrice().amountMinor()).toArray(Long[]::new),
					lines.stream().map((line) -> line.unitPrice().currency()).toArray(String[]::new),
					available.toArray(Integer[]::new))
			.update();
	}

	void setStatus(UUID orderId, Status status) {
		this.jdbc.sql("UPDATE reservation SET status = ?, updated_at = now() WHERE order_id = ?")
			.params(status.name(), orderId)
			.update();
	}

	Reservation load(UUID orderId, Status status) {
		List<LineRow> rows = this.jdbc.sql("""
				SELECT product_id, quantity, unit_price_minor, currency, available
				FROM reservation_line WHERE order_id = ? ORDER BY product_id
				""")
			.param(orderId)
			.query((rs, row) -> new LineRow(
					new ReservedLine(rs.getString("product_id"), rs.getInt("quantity"),
							new Money(rs.getLong("unit_price_minor"), rs.getString("currency"))),
					(Integer) rs.getObject("available")))
			.list();
		List<ReservedLine> lines = rows.stream().map(LineRow::line).toList();
		List<ShortLine> shortLines = rows.stream()
			.filter((row) -> row.available() != null)
			.map((row) -> new ShortLine(row.line().productId(), row.line().quantity(), row.available()))
			.toList();
		return new Reservation(orderId, status, lines, shortLines);
	}

	record Claim(boolean claimed, List<StockRow> rows) {

	}

	record Header(Status status, @Nullable String fingerprint) {

	}

	record StockRow(String productId, int available, Money price) {

	}

	private record LineRow(ReservedLine line, @Nullable Integer available) {

	}

	/** The three ways units move between stock columns, named as ledger kinds. */
	enum Movement {

		RESERVED("available = s.available - i.quantity, reserved = s.reserved + i.quantity", "available"),
		RELEASED("available = s.available + i.quantity, reserved = s.reserved - i.quantity", "reserved"),
		COMMITTED("reserved = s.reserved - i.quantity, committed = s.committed + i.quantity", "reserved");

		final String assignments;

		final String guard;

		Movement(String assignments, String guard) {
			this.assignments = assignments;
			this.guard = guard;
		}

	}

}
