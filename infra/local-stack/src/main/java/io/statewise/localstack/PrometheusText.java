package io.statewise.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format (version 0.0.4) that each service's
 * {@code /actuator/prometheus} answers. Hand-written because no parser is on the
 * classpath: the Prometheus Java client ({@code prometheus-metrics-*}, brought by
 * {@code micrometer-registry-prometheus}) only writes the format, and its protobuf module
 * parses protobuf, not text. The format is one sample per line,
 * {@code name{label="value",...} value [timestamp]}, which needs far less code than a
 * dependency would bring; a line that does not read is an error, so that a component
 * answering garbage is shown as unknown rather than as zero traffic.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/** One sample: a metric name, its labels and its value. */
	record Sample(String name, Map<String, String> labels, double value) {

		String label(String key) {
			return this.labels.getOrDefault(key, "");
		}

	}

	static List<Sample> parse(String text) {
		List<Sample> samples = new ArrayList<>();
		int number = 0;
		for (String line : text.split("\n")) {
			number++;
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			try {
				samples.add(sample(trimmed));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Not the Prometheus text format at line " + number + ": "
						+ trimmed.substring(0, Math.min(trimmed.length(), 80)), ex);
			}
		}
		return samples;
	}

	private static Sample sample(String line) {
		int brace = line.indexOf('{');
		int space = line.indexOf(' ');
		Map<String, String> labels = new LinkedHashMap<>();
		String name;
		String rest;
		if (brace >= 0 && (space < 0 || brace < space)) {
			name = line.substring(0, brace);
			int end = labels(line, brace + 1, labels);
			rest = line.substring(end + 1).strip();
		}
		else {
			name = line.substring(0, space);
			rest = line.substring(space + 1).strip();
		}
		if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
			throw new IllegalArgumentException("metric name");
		}
		String value = rest.split(" ")[0];
		return new Sample(name, labels, Double.parseDouble(value.replace("Inf", "Infinity")));
	}

	/** Reads {@code key="value",...} up to the closing brace; returns its index. */
	private static int labels(String line, int start, Map<String, String> labels) {
		int i = start;
		while (line.charAt(i) != '}') {
			int equals = line.indexOf('=', i);
			String key = line.substring(i, equals).strip();
			if (line.charAt(equals + 1) != '"') {
				throw new IllegalArgumentException("label value");
			}
			StringBuilder value = new StringBuilder();
			int j = equals + 2;
			for (char c = line.charAt(j); c != '"'; c = line.charAt(++j)) {
				if (c == '\\') {
					char escaped = line.charAt(++j);
					value.append((escaped == 'n') ? '\n' : escaped);
				}
				else {
					value.append(c);
				}
			}
			labels.put(key, value.toString());
			i = j + 1;
			if (line.charAt(i) == ',') {
				i++;
			}
		}
		return i;
	}

}
