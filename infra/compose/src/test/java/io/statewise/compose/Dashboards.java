package io.statewise.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Prometheus queries of Grafana dashboards and the metric names they use: what must
 * exist in a service's {@code /actuator/prometheus} for a panel to show anything.
 */
final class Dashboards {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern LABEL_VALUES = Pattern
		.compile("label_values\\(\\s*(?:([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{[^}]*})?\\s*,)?\\s*\\w+\\s*\\)");

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*+)\\s*\\{([^}]*)}");

	private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)");

	private static final Pattern BY = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");

	/** Labels Prometheus adds to every series from its target, not found in a scrape. */
	private static final Set<String> TARGET_LABELS = Set.of("instance", "job");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "and", "or", "unless", "offset", "inf", "nan", "atan2");

	private Dashboards() {
	}

	static JsonNode parse(Path file) {
		return JSON.readTree(RepositoryFiles.read(file));
	}

	/** Every query: panel targets (rows' nested panels too) and template variables. */
	static List<String> queries(JsonNode dashboard) {
		List<String> queries = new ArrayList<>();
		collectPanels(dashboard.path("panels"), queries);
		for (JsonNode variable : dashboard.path("templating").path("list")) {
			JsonNode query = variable.path("query");
			String text = query.isObject() ? query.path("query").asString("") : query.asString("");
			if (variable.path("type").asString("").equals("query") && !text.isBlank()) {
				queries.add(text);
			}
		}
		return queries;
	}

	private static void collectPanels(JsonNode panels, List<String> queries) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString("");
				if (!expr.isBlank()) {
					queries.add(expr);
				}
			}
			collectPanels(panel.path("panels"), queries);
		}
	}

	/** The metric names a PromQL query (or a Grafana label_values query) selects. */
	static Set<String> metricNames(String query) {
		Set<String> names = new TreeSet<>();
		Matcher labelValues = LABEL_VALUES.matcher(query);
		if (labelValues.matches()) {
			if (labelValues.group(1) != null) {
				names.add(labelValues.group(1));
			}
			return names;
		}
		String expr = STRINGS.matcher(query).replaceAll("\"\"");
		expr = expr.replaceAll("\\{[^}]*}", " ");
		expr = GROUPING.matcher(expr).replaceAll(" ");
		expr = expr.replaceAll("\\[[^]]*]", " ");
		expr = expr.replaceAll("\\$\\{?\\w+}?", " ");
		Matcher identifiers = IDENTIFIER.matcher(expr);
		while (identifiers.find()) {
			String name = identifiers.group(1);
			if (!KEYWORDS.contains(name.toLowerCase())) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * The labels a query selects or groups by that its metrics do not have: a panel that
	 * filters on a label a metric lacks shows nothing, and a grouping by one shows one
	 * line. A selector's labels must be on that metric; a grouping's on one of the
	 * query's metrics.
	 */
	static Set<String> unknownLabels(String query, Map<String, Set<String>> labelsByMetric) {
		Set<String> unknown = new TreeSet<>();
		String expr = STRINGS.matcher(query).replaceAll("\"\"");
		Set<String> metrics = metricNames(query);
		Matcher selector = SELECTOR.matcher(expr);
		while (selector.find()) {
			Set<String> labels = labelsByMetric.getOrDefault(selector.group(1), Set.of());
			Matcher matcher = MATCHER.matcher(selector.group(2));
			while (matcher.find()) {
				if (!labels.contains(matcher.group(1)) && !TARGET_LABELS.contains(matcher.group(1))) {
					unknown.add(selector.group(1) + "{" + matcher.group(1) + "}");
				}
			}
		}
		Matcher by = BY.matcher(expr);
		while (by.find()) {
			for (String label : by.group(1).split("\\s*,\\s*")) {
				boolean onSomeMetric = metrics.stream()
					.anyMatch((metric) -> labelsByMetric.getOrDefault(metric, Set.of()).contains(label.strip()));
				if (!label.isBlank() && !onSomeMetric && !TARGET_LABELS.contains(label.strip())) {
					unknown.add(metrics + " by (" + label.strip() + ")");
				}
			}
		}
		return unknown;
	}

	/** Every metric a dashboard's queries name. */
	static Set<String> metricNames(JsonNode dashboard) {
		Set<String> names = new TreeSet<>();
		queries(dashboard).forEach((query) -> names.addAll(metricNames(query)));
		return names;
	}

	/**
	 * What the dashboards name that no service exposes (metrics, then their labels), each
	 * with its dashboard; {@code labelsByMetric} holds every exposed metric.
	 */
	static Set<String> unknown(Map<String, Set<String>> labelsByMetric) {
		Set<String> unknown = new TreeSet<>();
		for (Path file : RepositoryFiles.dashboards()) {
			for (String query : queries(parse(file))) {
				metricNames(query).stream()
					.filter((name) -> !labelsByMetric.containsKey(name))
					.forEach((name) -> unknown.add(file.getFileName() + ": " + name));
				unknownLabels(query, labelsByMetric).forEach((label) -> unknown.add(file.getFileName() + ": " + label));
			}
		}
		return unknown;
	}

}
