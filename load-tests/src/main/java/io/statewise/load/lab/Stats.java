package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Percentiles and medians, nearest-rank: a reported value is one that was measured. */
final class Stats {

	private Stats() {
	}

	static @Nullable Double percentile(Collection<? extends Number> values, double percent) {
		List<Double> sorted = new ArrayList<>();
		for (Number value : values) {
			if (value != null && !Double.isNaN(value.doubleValue())) {
				sorted.add(value.doubleValue());
			}
		}
		if (sorted.isEmpty()) {
			return null;
		}
		sorted.sort(null);
		int rank = (int) Math.ceil(percent / 100 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	/** Median, lowest and highest of the values that are numbers; empty when none is. */
	static @Nullable Spread spread(Collection<Double> values) {
		List<Double> numbers = values.stream().filter((value) -> !Double.isNaN(value)).sorted().toList();
		if (numbers.isEmpty()) {
			return null;
		}
		return new Spread(percentile(numbers, 50), numbers.get(0), numbers.get(numbers.size() - 1), numbers.size());
	}

	/** A median with the lowest and highest of {@code runs} values. */
	record Spread(double median, double min, double max, int runs) {

	}

}
