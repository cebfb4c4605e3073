package io.statewise.load;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A run whose rate limits refused more than {@code load.maxRateLimitedPercent} (1 % by
 * default) measured the limits, not the store: it must fail even when Gatling's own
 * assertions, which see {@code 429}s as OK answers, pass.
 */
class CountedApartTests {

	@BeforeEach
	void newRun() {
		CountedApart.reset();
	}

	@Test
	void twoRateLimitedAnswersInAHundredShouldFailTheRun() {
		answer("add line", 200, 98);
		answer("add line", 429, 2);

		assertThatIllegalStateException().isThrownBy(CountedApart::verdict).withMessageContaining("2.00 % ");
	}

	@Test
	void oneRateLimitedAnswerInAHundredShouldPassAndBeCountedPerRequest() {
		answer("read cart", 200, 99);
		answer("checkout", 429, 1);

		assertThatNoException().isThrownBy(CountedApart::verdict);
		assertThat(CountedApart.counted(429)).containsExactlyEntriesOf(Map.of("checkout", 1L));
	}

	@Test
	void aTimeoutShouldBeAnErrorUnlessTheRunCountsThemApart() {
		answer("checkout", 504, 1);

		assertThat(CountedApart.counted(504)).isEmpty();
	}

	private static void answer(String request, int status, int times) {
		for (int i = 0; i < times; i++) {
			CountedApart.count(request, status);
		}
	}

}
