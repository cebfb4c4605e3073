package io.statewise.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code 429} answers of a run, counted apart from errors: a rate limit refusing a
 * request is the gateway doing its job, not a failure, but a run where it refused many
 * measured the limit, not the store. Gatling reports them as OK responses (their check
 * accepts the status); this tally says how many there were, per request, and
 * {@link #verdict()} fails a run over {@link Knobs#MAX_RATE_LIMITED_PERCENT}.
 */
public final class RateLimited {

	private static final Map<String, LongAdder> LIMITED = new ConcurrentHashMap<>();

	private static final Map<String, LongAdder> ANSWERED = new ConcurrentHashMap<>();

	private RateLimited() {
	}

	/** Starts a new run's tally (one JVM may run several simulations). */
	static void reset() {
		LIMITED.clear();
		ANSWERED.clear();
	}

	static void count(String request, int status) {
		ANSWERED.computeIfAbsent(request, (name) -> new LongAdder()).increment();
		if (status == 429) {
			LIMITED.computeIfAbsent(request, (name) -> new LongAdder()).increment();
		}
	}

	/** {@code 429}s per request name. */
	public static Map<String, Long> limited() {
		Map<String, Long> limited = new TreeMap<>();
		LIMITED.forEach((name, count) -> limited.put(name, count.sum()));
		return limited;
	}

	static long answered() {
		return ANSWERED.values().stream().mapToLong(LongAdder::sum).sum();
	}

	/**
	 * A line for the run's output, and a failure when the share of {@code 429}s is over
	 * the limit: the stack's rate limits were too low for this rate (docs/load-tests.md).
	 */
	static void verdict() {
		long limited = limited().values().stream().mapToLong(Long::longValue).sum();
		long answered = answered();
		double percent = (answered == 0) ? 0 : 100.0 * limited / answered;
		System.out.printf("load: %d of %d answers were 429 (%.2f %%), counted apart from errors: %s%n", limited,
				answered, percent, limited());
		if (percent > Knobs.MAX_RATE_LIMITED_PERCENT) {
			throw new IllegalStateException(String.format(
					"%.2f %% of the answers were 429 (over -Dload.maxRateLimitedPercent=%s): the rate limits measured"
							+ " themselves; start the stack for load (docs/load-tests.md)",
					percent, Knobs.MAX_RATE_LIMITED_PERCENT));
		}
	}

}
