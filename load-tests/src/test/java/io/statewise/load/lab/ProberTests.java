package io.statewise.load.lab;

import java.util.List;
import java.util.Map;

import io.statewise.load.lab.Prober.Write;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the probes read a cart and count lost acknowledged writes (the invariant: every
 * acknowledged cart write is readable at the end where the mode promises it).
 */
class ProberTests {

	@Test
	void linesShouldBeReadFromTheCartAnswer() {
		String cart = "{\"lines\":[{\"productId\":\"TEA-001\",\"quantity\":7},{\"productId\":\"TEA-002\",\"quantity\":1}],"
				+ "\"totalQuantity\":8}";

		assertThat(Prober.lines(cart)).containsEntry("TEA-001", 7).containsEntry("TEA-002", 1).hasSize(2);
	}

	@Test
	void acknowledgedWritesAfterTheValueShownShouldCountAsLost() {
		List<Write> writes = List.of(write(2, true), write(3, true), write(4, true));

		assertThat(Prober.lostWrites(writes, Map.of("TEA-001", 2))).isEqualTo(2);
	}

	@Test
	void anUnacknowledgedWriteThatLandedShouldExplainTheAcknowledgedOnesBeforeIt() {
		List<Write> writes = List.of(write(2, true), write(3, false));

		assertThat(Prober.lostWrites(writes, Map.of("TEA-001", 3))).isZero();
	}

	@Test
	void aLineGoneShouldLoseEveryAcknowledgedWriteOfIt() {
		assertThat(Prober.lostWrites(List.of(write(2, true), write(3, false)), Map.of())).isEqualTo(1);
	}

	@Test
	void aLostSessionsCartShouldShowNothingOfItsWritesWhateverTheGuestCartHolds() {
		Prober.Answer guestCart = new Prober.Answer("GET /api/cart", 200,
				"{\"lines\":[{\"productId\":\"TEA-001\",\"quantity\":9}]}");

		assertThat(Prober.shown(guestCart, true)).isEmpty();
		assertThat(Prober.shown(guestCart, false)).containsEntry("TEA-001", 9);
		assertThat(Prober.lostWrites(List.of(write(2, true), write(3, true)), Prober.shown(guestCart, true)))
			.isEqualTo(2);
	}

	private static Write write(int quantity, boolean acknowledged) {
		return new Write("TEA-001", quantity, 0, 0, acknowledged);
	}

}
