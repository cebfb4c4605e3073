package io.statewise.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers counted apart from errors, per request name. Always the {@code 429}s: a rate
 * limit refusing a request is the gateway doing its job, not a failure, but a run where
 * it refused many measured the limit, not the store, so {@link #verdict()} fails a run
 * over {@link Knobs#MAX_RATE_LIMITED_PERCENT}. With {@link Knobs#TIMEOUTS_APART} also the
 * {@code 504}s, the gateway's time limit: for a run that must not judge latency (the
 * smoke run in {@code ./mvnw verify} on a shared machine). Gatling reports these as OK
 * responses (their check accepts the status); this tally says how many there were.
 */
public final class CountedApart {

	static final int RATE_LIMITED = 429;

	static final int TIMED_OUT = 504;

	private static final Map<Integer, Map<String, LongAdder>> APART = new ConcurrentHashMap<>();

	private static final LongAdder ANSWERED = new LongAdder();

	private CountedApart() {
	}

	/** The statuses counted apart in this run. */
	static List<Integer> statuses() {
		return Knobs.TIMEOUTS_APART ? List.of(RATE_LIMITED, TIMED_OUT) : List.of(RATE_LIMITED);
	}

	/** Starts a new run's tally (one JVM may run several simulations). */
	static void reset() {
		APART.clear();
		ANSWERED.reset();
	}

	static void count(String request, int status) {
		ANSWERED.increment();
		if (statuses().contains(status)) {
			APART.computeIfAbsent(status, (key) -> new ConcurrentHashMap<>())
				.computeIfAbsent(request, (name) -> new LongAdder())
				.increment();
		}
	}

	/** Answers of that status per request name. */
	public static Map<String, Long> counted(int status) {
		Map<String, Long> counted = new TreeMap<>();
		APART.getOrDefault(status, Map.of()).forEach((name, count) -> counted.put(name, count.sum()));
		return counted;
	}

	/**
	 * A line per status for the run's output, and a failure when the share of
	 * {@code 429}s is over the limit: the stack's rate limits were too low for this rate
	 * (docs/load-tests.md).
	 */
	static void verdict() {
		long answered = ANSWERED.sum();
		for (int status : statuses()) {
			long count = counted(status).values().stream().mapToLong(Long::longValue).sum();
			double percent = (answered == 0) ? 0 : 100.0 * count / answered;
			System.out.printf("load: %d of %d answers were %d (%.2f %%), counted apart from errors: %s%n", count,
					answered, status, percent, counted(status));
			if (status == RATE_LIMITED && percent > Knobs.MAX_RATE_LIMITED_PERCENT) {
				throw new IllegalStateException(String.format(
						"%.2f %% of the answers were 429 (over -Dload.maxRateLimitedPercent=%s): the rate limits"
								+ " measured themselves; start the stack for load (docs/load-tests.md)",
						percent, Knobs.MAX_RATE_LIMITED_PERCENT));
			}
		}
	}

}
