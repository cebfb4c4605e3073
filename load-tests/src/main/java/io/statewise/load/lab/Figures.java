package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;

import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.RequestRow;
import org.jspecify.annotations.Nullable;

/**
 * The figures E3, E4 and E6 add to a run's measures, from what the client and the sampler
 * recorded each second. Windows are in seconds of the load: a row of second {@code t}
 * belongs to {@code [from, to)} when {@code floor(from) <= t < to}, so a fault in the
 * middle of a second counts that whole second. A figure with nothing to measure is
 * {@code NaN} (reported as not measured), never zero.
 */
final class Figures {

	private Figures() {
	}

	static Predicate<RequestRow> named(String request) {
		return (row) -> row.request().equals(request);
	}

	static Predicate<RequestRow> inGroup(String group) {
		return (row) -> row.group().equals(group);
	}

	/** A percentile of the response times of the requests sent in the window, ms. */
	static double latency(List<RequestRow> rows, Predicate<RequestRow> which, double from, double to, double percent) {
		List<Integer> millis = new ArrayList<>();
		within(rows, which, from, to).forEach((row) -> millis.addAll(row.millis()));
		return orNaN(Stats.percentile(millis, percent));
	}

	/**
	 * The share of the requests sent in the window answered as the journey expects, %.
	 */
	static double availability(List<RequestRow> rows, Predicate<RequestRow> which, double from, double to) {
		long sent = within(rows, which, from, to).stream().mapToLong(RequestRow::sent).sum();
		long ok = within(rows, which, from, to).stream().mapToLong(RequestRow::ok).sum();
		return (sent == 0) ? Double.NaN : 100.0 * ok / sent;
	}

	/** Requests sent in the window and answered with that status. */
	static double answered(List<RequestRow> rows, Predicate<RequestRow> which, int status, double from, double to) {
		return within(rows, which, from, to).stream().mapToLong((row) -> row.statuses().getOrDefault(status, 0L)).sum();
	}

	/**
	 * Seconds from {@code from} to the first second, from its own on, in which a request
	 * was answered with that status (at one second's resolution: 0 when it was in the
	 * same second).
	 */
	static double firstAnswered(List<RequestRow> rows, Predicate<RequestRow> which, int status, double from) {
		return rows.stream()
			.filter(which)
			.filter((row) -> row.t() >= Math.floor(from) && row.statuses().getOrDefault(status, 0L) > 0)
			.mapToDouble((row) -> Math.max(0, row.t() - from))
			.min()
			.orElse(Double.NaN);
	}

	/**
	 * The highest value, from {@code from} on, of a figure summed over the instances of a
	 * service in each second ({@code value} {@code null}: the instance did not say).
	 */
	static double peak(List<ComponentRow> rows, String service, Function<ComponentRow, @Nullable Double> value,
			double from) {
		return max(bySecond(rows, service, value, from, Double::sum));
	}

	/**
	 * The highest value, from {@code from} on, of a figure every instance of a service
	 * reports for the whole service (a count of database rows): any instance's, not their
	 * sum.
	 */
	static double highest(List<ComponentRow> rows, String service, Function<ComponentRow, @Nullable Double> value,
			double from) {
		return max(bySecond(rows, service, value, from, Math::max));
	}

	private static double max(Map<Integer, Double> bySecond) {
		return bySecond.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	/**
	 * Seconds from {@code from} to the first second, from its own on, in which the figure
	 * summed over the instances of the service was zero.
	 */
	static double untilZero(List<ComponentRow> rows, String service, Function<ComponentRow, @Nullable Double> value,
			double from) {
		return bySecond(rows, service, value, from, Double::sum).entrySet()
			.stream()
			.filter((second) -> second.getValue() == 0)
			.mapToDouble((second) -> Math.max(0, second.getKey() - from))
			.findFirst()
			.orElse(Double.NaN);
	}

	/** How much a counter grew over the run, summed over the instances of a service. */
	static double growth(List<ComponentRow> rows, String service, String counter) {
		Map<String, Double> first = new TreeMap<>();
		Map<String, Double> last = new TreeMap<>();
		for (ComponentRow row : rows) {
			Double value = row.gauges().get(counter);
			if (row.component().startsWith(service + "-") && value != null) {
				first.putIfAbsent(row.component(), value);
				last.put(row.component(), value);
			}
		}
		return first.isEmpty() ? Double.NaN
				: first.keySet().stream().mapToDouble((instance) -> last.get(instance) - first.get(instance)).sum();
	}

	/**
	 * Failovers: how often where the Sentinels say the primary is changed from one
	 * sampled second to a later one (a second they did not answer is skipped). A failover
	 * takes seconds (down-after, then an election), so two cannot fall within one sample.
	 */
	static double failovers(List<ComponentRow> rows) {
		String last = null;
		int changes = 0;
		boolean sampled = false;
		for (ComponentRow row : rows) {
			if (row.component().equals(Sampler.SENTINELS) && !row.role().isEmpty()) {
				sampled = true;
				changes += (last != null && !last.equals(row.role())) ? 1 : 0;
				last = row.role();
			}
		}
		return sampled ? changes : Double.NaN;
	}

	/**
	 * The share of the machine's CPU time the hypervisor gave to other guests between the
	 * first and the last second sampled, % ({@link Sampler#MACHINE}); NaN where
	 * {@code /proc/stat} did not tell.
	 */
	static double stolenPercent(List<ComponentRow> rows) {
		ComponentRow first = null;
		ComponentRow last = null;
		for (ComponentRow row : rows) {
			if (row.component().equals(Sampler.MACHINE) && row.gauges().containsKey(Sampler.MACHINE_MILLIS)) {
				first = (first != null) ? first : row;
				last = row;
			}
		}
		if (first == null || last == first) {
			return Double.NaN;
		}
		double total = last.gauges().get(Sampler.MACHINE_MILLIS) - first.gauges().get(Sampler.MACHINE_MILLIS);
		double stolen = last.gauges().get(Sampler.STOLEN_MILLIS) - first.gauges().get(Sampler.STOLEN_MILLIS);
		return (total <= 0) ? Double.NaN : 100 * stolen / total;
	}

	/** A gauge of a component row, by key. */
	static Function<ComponentRow, @Nullable Double> gauge(String key) {
		return (row) -> row.gauges().get(key);
	}

	/** The difference of two gauges of a row ({@code max - available}: in use). */
	static Function<ComponentRow, @Nullable Double> inUse(String max, String available) {
		return (row) -> {
			Double all = row.gauges().get(max);
			Double free = row.gauges().get(available);
			return (all == null || free == null) ? null : all - free;
		};
	}

	/**
	 * A figure of the instances of a service each second from {@code from} on, combined
	 * ({@code Double::sum}, {@code Math::max}) over the instances that reported it.
	 */
	static TreeMap<Integer, Double> bySecond(List<ComponentRow> rows, String service,
			Function<ComponentRow, @Nullable Double> value, double from, BinaryOperator<Double> combine) {
		TreeMap<Integer, Double> sums = new TreeMap<>();
		for (ComponentRow row : rows) {
			Double figure = row.component().startsWith(service + "-") ? value.apply(row) : null;
			if (figure != null && row.t() >= Math.floor(from)) {
				sums.merge(row.t(), figure, combine);
			}
		}
		return sums;
	}

	private static List<RequestRow> within(List<RequestRow> rows, Predicate<RequestRow> which, double from, double to) {
		return rows.stream().filter(which).filter((row) -> row.t() >= Math.floor(from) && row.t() < to).toList();
	}

	static double orNaN(@Nullable Double value) {
		return (value != null) ? value : Double.NaN;
	}

}
