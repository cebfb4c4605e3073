package io.statewise.inventory.consistency;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.inventory.consistency.ConsistencyReport.Violation;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks, per product, on one snapshot: no column below zero; received = available +
 * reserved + committed; each column equals its ledger sum; reserved and committed equal
 * the lines of reservations in those states.
 */
@Service
class ConsistencyCheck {

	private static final String SQL = """
			WITH ledger AS (
			    SELECT product_id,
			           sum(quantity) FILTER (WHERE kind = 'RECEIVED') AS received,
			           sum(quantity) FILTER (WHERE kind = 'RESERVED') AS reserved,
			           sum(quantity) FILTER (WHERE kind = 'RELEASED') AS released,
			           sum(quantity) FILTER (WHERE kind = 'COMMITTED') AS committed
			    FROM stock_movement GROUP BY product_id),
			held AS (
			    SELECT l.product_id,
			           sum(l.quantity) FILTER (WHERE r.status = 'RESERVED') AS reserved,
			           sum(l.quantity) FILTER (WHERE r.status = 'COMMITTED') AS committed
			    FROM reservation_line l JOIN reservation r ON r.order_id = l.order_id
			    GROUP BY l.product_id)
			SELECT s.product_id, s.received, s.available, s.reserved, s.committed,
			       coalesce(l.received, 0) AS ledger_received,
			       coalesce(l.reserved, 0) - coalesce(l.released, 0) - coalesce(l.committed, 0) AS ledger_reserved,
			       coalesce(l.committed, 0) AS ledger_committed,
			       coalesce(h.reserved, 0) AS held_reserved,
			       coalesce(h.committed, 0) AS held_committed
			FROM stock s
			LEFT JOIN ledger l ON l.product_id = s.product_id
			LEFT JOIN held h ON h.product_id = s.product_id
			ORDER BY s.product_id
			""";

	private final JdbcClient jdbc;

	private final AtomicInteger lastViolations = new AtomicInteger();

	ConsistencyCheck(JdbcClient jdbc, MeterRegistry meters) {
		this.jdbc = jdbc;
		meters.gauge("statewise.inventory.consistency.violations", this.lastViolations);
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	ConsistencyReport run() {
		List<Violation> violations = new ArrayList<>();
		long[] totals = new long[2];
		this.jdbc.sql(SQL).query((rs) -> {
			String product = rs.getString("product_id");
			long received = rs.getLong("received");
			long available = rs.getLong("available");
			long reserved = rs.getLong("reserved");
			long committed = rs.getLong("committed");
			check(violations, product, "available >= 0", 0, Math.min(0, available));
			check(violations, product, "received = available + reserved + committed", received,
					available + reserved + committed);
			check(violations, product, "received = ledger RECEIVED", rs.getLong("ledger_received"), received);
			check(violations, product, "reserved = ledger RESERVED - RELEASED - COMMITTED",
					rs.getLong("ledger_reserved"), reserved);
			check(violations, product, "committed = ledger COMMITTED", rs.getLong("ledger_committed"), committed);
			check(violations, product, "reserved = lines of RESERVED reservations", rs.getLong("held_reserved"),
					reserved);
			check(violations, product, "committed = lines of COMMITTED reservations", rs.getLong("held_committed"),
					committed);
			totals[0]++;
			totals[1] += received;
		});
		this.lastViolations.set(violations.size());
		return new ConsistencyReport(violations.isEmpty(), Instant.now(), (int) totals[0], totals[1], violations);
	}

	private static void check(List<Violation> violations, String product, String invariant, long expected,
			long actual) {
		if (expected != actual) {
			violations.add(new Violation(product, invariant, expected, actual));
		}
	}

}
