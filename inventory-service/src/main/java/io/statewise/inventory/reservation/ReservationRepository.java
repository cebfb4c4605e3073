package io.statewise.inventory.reservation;

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
 * The SQL of reservations. Every stock change is a conditional update
 * ({@code available >= quantity}) on rows already locked in product-id order, so
 * concurrent reservations can neither oversell nor deadlock.
 */
@Repository
class ReservationRepository {

	private final JdbcClient jdbc;

	ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the order id; false if a reservation for it exists (or was just committed by
	 * a racer).
	 */
	boolean claim(UUID orderId, Status status, @Nullable String fingerprint) {
		return this.jdbc.sql("""
				INSERT INTO reservation (order_id, status, fingerprint) VALUES (?, ?, ?)
				ON CONFLICT (order_id) DO NOTHING
				""").params(orderId, status.name(), fingerprint).update() == 1;
	}

	Optional<Header> lock(UUID orderId) {
		return this.jdbc.sql("SELECT status, fingerprint FROM reservation WHERE order_id = ? FOR UPDATE")
			.param(orderId)
			.query((rs, row) -> new Header(Status.valueOf(rs.getString("status")), rs.getString("fingerprint")))
			.optional();
	}

	Optional<Header> find(UUID orderId) {
		return this.jdbc.sql("SELECT status, fingerprint FROM reservation WHERE order_id = ?")
			.param(orderId)
			.query((rs, row) -> new Header(Status.valueOf(rs.getString("status")), rs.getString("fingerprint")))
			.optional();
	}

	/**
	 * Locks the stock rows of these products in id order: the one lock order of this
	 * service.
	 */
	List<StockRow> lockStock(List<String> productIds) {
		return this.jdbc.sql("""
				SELECT s.product_id, s.available, p.price_minor, p.currency
				FROM stock s JOIN product p ON p.id = s.product_id
				WHERE s.product_id IN (:ids)
				ORDER BY s.product_id
				FOR UPDATE OF s
				""")
			.param("ids", productIds)
			.query((rs, row) -> new StockRow(rs.getString("product_id"), rs.getInt("available"),
					new Money(rs.getLong("price_minor"), rs.getString("currency"))))
			.list();
	}

	/** Moves units between stock columns, guarded so no column can go below zero. */
	void move(String productId, int quantity, Movement movement, UUID orderId) {
		int updated = this.jdbc
			.sql("UPDATE stock SET " + movement.assignments + " WHERE product_id = :product AND " + movement.guard
					+ " >= :quantity")
			.param("product", productId)
			.param("quantity", quantity)
			.update();
		if (updated != 1) {
			throw new IllegalStateException(movement + " of " + quantity + " x " + productId + " for order " + orderId
					+ " found too little stock on a locked row");
		}
		this.jdbc.sql("INSERT INTO stock_movement (product_id, kind, quantity, order_id) VALUES (?, ?, ?, ?)")
			.params(productId, movement.name(), quantity, orderId)
			.update();
	}

	void addLine(UUID orderId, ReservedLine line, @Nullable Integer available) {
		this.jdbc.sql("""
				INSERT INTO reservation_line (order_id, product_id, quantity, unit_price_minor, currency, available)
				VALUES (?, ?, ?, ?, ?, ?)
				""")
			.params(orderId, line.productId(), line.quantity(), line.unitPrice().amountMinor(),
					line.unitPrice().currency(), available)
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

	record Header(Status status, @Nullable String fingerprint) {

	}

	record StockRow(String productId, int available, Money price) {

	}

	private record LineRow(ReservedLine line, @Nullable Integer available) {

	}

	/** The three ways units move between stock columns, as ledger kinds. */
	enum Movement {

		RESERVED("available = available - :quantity, reserved = reserved + :quantity", "available"),
		RELEASED("available = available + :quantity, reserved = reserved - :quantity", "reserved"),
		COMMITTED("reserved = reserved - :quantity, committed = committed + :quantity", "reserved");

		final String assignments;

		final String guard;

		Movement(String assignments, String guard) {
			this.assignments = assignments;
			this.guard = guard;
		}

	}

}
