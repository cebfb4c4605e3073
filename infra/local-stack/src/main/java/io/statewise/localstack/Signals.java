package io.statewise.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * The last minute of scrapes, one tick a second, and the rates and latencies the panel
 * draws from them. Counters are cumulative, so a point is the difference between two
 * ticks; an instance that was not scraped in either (down, frozen, answering garbage)
 * leaves a gap rather than a zero, and a counter that went back (a restarted JVM) starts
 * over.
 */
final class Signals {

	/** 60 points need 61 ticks. */
	static final int TICKS = 61;

	/** Latency quantiles need more requests than one second of demo traffic gives. */
	private static final int QUANTILE_TICKS = 5;

	/** A longer pause between two ticks starts the history over. */
	private static final Duration GAP = Duration.ofSeconds(5);

	private final ArrayDeque<Tick> ticks = new ArrayDeque<>();

	/** One round of scrapes: instance name to what it answered. */
	record Tick(Instant at, Map<String, Scrape> scrapes) {

	}

	/** One point of a sparkline; null where nothing was measured. */
	record Point(@Nullable Double rps, @Nullable Double errorRate, @Nullable Double p50Millis,
			@Nullable Double p99Millis) {

	}

	synchronized void add(Tick tick) {
		// no panel was open for a while: a rate over that whole gap would pass for a
		// second's
		Tick last = this.ticks.peekLast();
		if (last != null && Duration.between(last.at(), tick.at()).compareTo(GAP) > 0) {
			this.ticks.clear();
		}
		this.ticks.addLast(tick);
		while (this.ticks.size() > TICKS) {
			this.ticks.removeFirst();
		}
	}

	synchronized List<Tick> ticks() {
		return List.copyOf(this.ticks);
	}

	/** The last minute of points over these instances taken together. */
	List<Point> series(Collection<String> instances) {
		List<Tick> all = ticks();
		List<Point> points = new ArrayList<>();
		for (int i = 1; i < all.size(); i++) {
			points.add(point(all, i, instances));
		}
		return points;
	}

	private static Point point(List<Tick> all, int i, Collection<String> instances) {
		Tick now = all.get(i);
		Tick before = all.get(i - 1);
		double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
		Double requests = delta(before, now, instances, Scrape::requests);
		Double errors = delta(before, now, instances, Scrape::errors);
		Double rps = (requests != null && seconds > 0) ? Double.valueOf(requests / seconds) : null;
		Double errorRate = null;
		if (requests != null && errors != null) {
			errorRate = (requests > 0) ? errors / requests : 0.0;
		}
		TreeMap<Double, Double> histogram = histogram(all.get(Math.max(0, i - QUANTILE_TICKS)), now, instances);
		return new Point(round(rps, 100), round(errorRate, 1000), round(quantile(histogram, 0.5), 10),
				round(quantile(histogram, 0.99), 10));
	}

	/**
	 * Every panel gets every point every second: sixteen digits of a rate are noise on
	 * the screen and a third of the event's size.
	 */
	private static @Nullable Double round(@Nullable Double value, int scale) {
		return (value != null) ? Double.valueOf(Math.round(value * scale) / (double) scale) : null;
	}

	/**
	 * How much a counter grew between two ticks, summed over the instances scraped in
	 * both; null when none was.
	 */
	static @Nullable Double delta(Tick before, Tick now, Collection<String> instances,
			ToDoubleFunction<Scrape> counter) {
		Double sum = null;
		for (String instance : instances) {
			Scrape then = before.scrapes().get(instance);
			Scrape current = now.scrapes().get(instance);
			if (then != null && current != null) {
				double grown = counter.applyAsDouble(current) - counter.applyAsDouble(then);
				sum = ((sum != null) ? sum : 0) + Math.max(0, grown);
			}
		}
		return sum;
	}

	private static TreeMap<Double, Double> histogram(Tick before, Tick now, Collection<String> instances) {
		TreeMap<Double, Double> merged = new TreeMap<>();
		for (String instance : instances) {
			Scrape then = before.scrapes().get(instance);
			Scrape current = now.scrapes().get(instance);
			if (then != null && current != null && current.requests() >= then.requests()) {
				current.buckets()
					.forEach(
							(le, count) -> merged.merge(le, count - then.buckets().getOrDefault(le, 0.0), Double::sum));
			}
		}
		return merged;
	}

	/**
	 * A quantile of a cumulative histogram, interpolated inside its bucket as Prometheus'
	 * {@code histogram_quantile} does; null without requests.
	 */
	static @Nullable Double quantile(TreeMap<Double, Double> cumulative, double q) {
		if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
			return null;
		}
		double total = cumulative.lastEntry().getValue();
		double rank = q * total;
		double lowerBound = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
			if (bucket.getValue() >= rank) {
				if (bucket.getKey().isInfinite()) {
					return lowerBound * 1000;
				}
				double inBucket = bucket.getValue() - lowerCount;
				double fraction = (inBucket > 0) ? (rank - lowerCount) / inBucket : 1;
				return (lowerBound + (bucket.getKey() - lowerBound) * fraction) * 1000;
			}
			lowerBound = bucket.getKey();
			lowerCount = bucket.getValue();
		}
		return lowerBound * 1000;
	}

	/**
	 * The rate of a counter over the last few ticks, per second; over fewer where the
	 * oldest did not reach the instances (a failed scrape, a restart); null if
	 * unmeasured.
	 */
	@Nullable Double rate(Collection<String> instances, ToDoubleFunction<Scrape> counter, int span) {
		List<Tick> all = ticks();
		Tick now = all.isEmpty() ? null : all.get(all.size() - 1);
		for (int back = Math.min(span, all.size() - 1); back >= 1 && now != null; back--) {
			Tick before = all.get(all.size() - 1 - back);
			Double grown = delta(before, now, instances, counter);
			double seconds = Duration.between(before.at(), now.at()).toMillis() / 1000.0;
			if (grown != null && seconds > 0) {
				return grown / seconds;
			}
		}
		return null;
	}

}
