package io.statewise.inventory.consistency;

import io.statewise.inventory.InventoryTest;
import io.statewise.inventory.consistency.ConsistencyReport.Violation;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The check that load and chaos runs trust: it must see a broken ledger. Each test breaks
 * one product on purpose (committed, as a bug would), reads the report, and mends the
 * product again.
 */
@InventoryTest
class ConsistencyCheckTests {

	private static final String PRODUCT = "SNK-006";

	@Autowired
	ConsistencyCheck check;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMovementMissingFromStockShouldBeReported() {
		assertThat(this.check.run().consistent()).as("consistent before").isTrue();
		this.jdbc.sql("INSERT INTO stock_movement (product_id, kind, quantity) VALUES (?, 'RECEIVED', 5)")
			.param(PRODUCT)
			.update();
		try {
			ConsistencyReport report = this.check.run();

			assertThat(report.consistent()).isFalse();
			assertThat(report.violations()).extracting(Violation::productId, Violation::invariant)
				.containsExactly(tuple(PRODUCT, "received = ledger RECEIVED"));
		}
		finally {
			this.jdbc
				.sql("DELETE FROM stock_movement WHERE product_id = ? AND kind = 'RECEIVED' AND quantity = 5"
						+ " AND order_id IS NULL AND restock_key IS NULL AND id = (SELECT max(id) FROM stock_movement)")
				.param(PRODUCT)
				.update();
		}
		assertThat(this.check.run().consistent()).as("consistent after").isTrue();
	}

	@Test
	void stockMovedToReservedWithoutAReservationShouldBeReported() {
		this.jdbc.sql("UPDATE stock SET available = available - 1, reserved = reserved + 1 WHERE product_id = ?")
			.param(PRODUCT)
			.update();
		try {
			ConsistencyReport report = this.check.run();

			assertThat(report.violations()).extracting(Violation::invariant)
				.containsExactlyInAnyOrder("reserved = ledger RESERVED - RELEASED - COMMITTED",
						"reserved = lines of RESERVED reservations");
		}
		finally {
			this.jdbc.sql("UPDATE stock SET available = available + 1, reserved = reserved - 1 WHERE product_id = ?")
				.param(PRODUCT)
				.update();
		}
		assertThat(this.check.run().consistent()).as("consistent after").isTrue();
	}

}
