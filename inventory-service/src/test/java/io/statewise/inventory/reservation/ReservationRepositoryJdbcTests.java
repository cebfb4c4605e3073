package io.statewise.inventory.reservation;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.statewise.inventory.catalog.Money;
import io.statewise.inventory.reservation.Reservation.ReservedLine;
import io.statewise.inventory.reservation.Reservation.ShortLine;
import io.statewise.inventory.reservation.Reservation.Status;
import io.statewise.inventory.reservation.ReservationRepository.Movement;
import io.statewise.inventory.reservation.ReservationRepository.StockRow;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The reservation SQL alone (a {@code @JdbcTest} slice: the real PostgreSQL migrated by
 * Flyway, no web layer, each test rolled back): what each statement claims, moves and
 * records. The races are {@code ReservationConcurrencyTests}' job.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@RealDatastores(database = "inventory", redis = false)
@Import(ReservationRepository.class)
class ReservationRepositoryJdbcTests {

	@Autowired
	ReservationRepository reservations;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aClaimShouldLockTheStockInProductIdOrderAndASecondClaimOfTheOrderShouldFindItTaken() {
		String later = product("ZZ", 5, 250);
		String earlier = product("AA", 3, 100);
		UUID order = UUID.randomUUID();

		ReservationRepository.Claim first = this.reservations.claimAndLock(order, "fp", List.of(later, earlier));
		ReservationRepository.Claim second = this.reservations.claimAndLock(order, "fp", List.of(later, earlier));

		assertThat(first.claimed()).isTrue();
		assertThat(first.rows()).containsExactly(new StockRow(earlier, 3, new Money(100, "EUR")),
				new StockRow(later, 5, new Money(250, "EUR")));
		assertThat(second.claimed()).isFalse();
		assertThat(this.reservations.find(order)).hasValueSatisfying((header) -> {
			assertThat(header.status()).isEqualTo(Status.RESERVED);
			assertThat(header.fingerprint()).isEqualTo("fp");
		});
	}

	@Test
	void aReserveShouldMoveUnitsRecordTheLedgerAndKeepTheLinesWithTheirPriceSnapshot() {
		String product = product("MV", 10, 300);
		UUID order = UUID.randomUUID();
		this.reservations.claimAndLock(order, "fp", List.of(product));
		List<ReservedLine> lines = List.of(line(product, 4, 300));

		this.reservations.move(order, lines, Movement.RESERVED);

		assertThat(stock(product)).containsExactly(6, 4, 0);
		assertThat(ledger(order)).containsExactly("RESERVED " + product + " 4");
		assertThat(this.reservations.load(order, Status.RESERVED))
			.isEqualTo(new Reservation(order, Status.RESERVED, lines, List.of()));
	}

	@Test
	void aCommitAndAReleaseShouldMoveReservedUnitsOnAndKeepNoLinesOfTheirOwn() {
		String product = product("CR", 10, 300);
		UUID order = UUID.randomUUID();
		this.reservations.claimAndLock(order, "fp", List.of(product));
		List<ReservedLine> lines = List.of(line(product, 4, 300));
		this.reservations.move(order, lines, Movement.RESERVED);

		this.reservations.move(order, List.of(line(product, 1, 300)), Movement.RELEASED);
		this.reservations.move(order, List.of(line(product, 3, 300)), Movement.COMMITTED);

		assertThat(stock(product)).containsExactly(7, 0, 3);
		assertThat(ledger(order)).containsExactly("COMMITTED " + product + " 3", "RELEASED " + product + " 1",
				"RESERVED " + product + " 4");
		assertThat(this.reservations.load(order, Status.COMMITTED).lines()).isEqualTo(lines);
	}

	@Test
	void aMoveThatFindsTooFewUnitsOnALockedRowShouldFailSoItsTransactionRollsBack() {
		String plenty = product("PL", 10, 100);
		String scarce = product("SC", 1, 100);
		UUID order = UUID.randomUUID();
		this.reservations.claimAndLock(order, "fp", List.of(plenty, scarce));

		assertThatIllegalStateException()
			.isThrownBy(() -> this.reservations.move(order, List.of(line(plenty, 2, 100), line(scarce, 2, 100)),
					Movement.RESERVED))
			.withMessageContaining("rolled back");
	}

	@Test
	void aRejectedReservationShouldKeepItsLinesWithWhatWasAvailableForTheShortOnes() {
		String enough = product("EN", 10, 100);
		String shortOne = product("SH", 1, 200);
		UUID order = UUID.randomUUID();
		this.reservations.claimAndLock(order, "fp", List.of(enough, shortOne));
		this.reservations.setStatus(order, Status.REJECTED);
		List<ReservedLine> lines = List.of(line(enough, 2, 100), line(shortOne, 3, 200));

		this.reservations.keepRejectedLines(order, lines, Arrays.asList(null, 1));

		assertThat(this.reservations.find(order))
			.hasValueSatisfying((header) -> assertThat(header.status()).isEqualTo(Status.REJECTED));
		assertThat(this.reservations.load(order, Status.REJECTED))
			.isEqualTo(new Reservation(order, Status.REJECTED, lines, List.of(new ShortLine(shortOne, 3, 1))));
		assertThat(stock(enough)).containsExactly(10, 0, 0);
	}

	@Test
	void aReleaseThatComesFirstShouldClaimTheOrderIdOnce() {
		UUID order = UUID.randomUUID();

		assertThat(this.reservations.claimReleased(order)).isTrue();
		assertThat(this.reservations.claimReleased(order)).isFalse();
		assertThat(this.reservations.find(order)).hasValueSatisfying((header) -> {
			assertThat(header.status()).isEqualTo(Status.RELEASED);
			assertThat(header.fingerprint()).isNull();
		});
	}

	/** A product of this test's own, with its stock: the seed catalog stays untouched. */
	private String product(String prefix, int units, long priceMinor) {
		String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
		this.jdbc.sql("""
				INSERT INTO product (id, name, description, category_id, price_minor, currency, image)
				VALUES (?, 'Repository test product', 'Made by a test', 'coffee', ?, 'EUR', 'cof-001.svg')
				""").params(id, priceMinor).update();
		this.jdbc.sql("INSERT INTO stock VALUES (?, ?, ?, 0, 0)").params(id, units, units).update();
		return id;
	}

	private static ReservedLine line(String product, int quantity, long priceMinor) {
		return new ReservedLine(product, quantity, new Money(priceMinor, "EUR"));
	}

	/** available, reserved, committed. */
	private List<Integer> stock(String product) {
		return this.jdbc.sql("SELECT available, reserved, committed FROM stock WHERE product_id = ?")
			.param(product)
			.query((rs, row) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)))
			.single();
	}

	private List<String> ledger(UUID order) {
		return this.jdbc.sql(
				"SELECT kind || ' ' || product_id || ' ' || quantity FROM stock_movement WHERE order_id = ? ORDER BY kind")
			.param(order)
			.query(String.class)
			.list();
	}

}
