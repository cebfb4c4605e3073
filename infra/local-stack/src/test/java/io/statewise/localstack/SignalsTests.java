package io.statewise.localstack;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Rates from cumulative counters, as the panel's signals compute them. */
class SignalsTests {

	private static final Instant T0 = Instant.parse("2026-12-02T00:00:00Z");

	@Test
	void rateShouldSkipAnOldTickThatDidNotReachTheInstanceRatherThanShowNothing() {
		Signals signals = new Signals();
		signals.add(new Signals.Tick(T0, Map.of()));
		signals.add(new Signals.Tick(T0.plusSeconds(1), Map.of("a", requests(100))));
		signals.add(new Signals.Tick(T0.plusSeconds(2), Map.of("a", requests(110))));

		assertThat(signals.rate(List.of("a"), Scrape::requests, 3)).isEqualTo(10.0);
	}

	@Test
	void aPauseBetweenTicksShouldStartTheHistoryOverRatherThanAverageOverIt() {
		Signals signals = new Signals();
		signals.add(new Signals.Tick(T0, Map.of("a", requests(0))));
		signals.add(new Signals.Tick(T0.plusSeconds(600), Map.of("a", requests(6000))));

		assertThat(signals.rate(List.of("a"), Scrape::requests, 3)).isNull();
	}

	private static Scrape requests(double count) {
		return new Scrape(count, 0, new TreeMap<>(), 0, 0, Map.of(), null, null);
	}

}
