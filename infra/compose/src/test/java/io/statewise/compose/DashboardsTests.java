package io.statewise.compose;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards in helm/statewise/dashboards (one source for compose and the chart) are
 * valid JSON that Grafana provisions as they are; which metrics they name is checked
 * against running services in ExposedMetricsIntegrationTests.
 */
class DashboardsTests {

	@Test
	void everyDashboardShouldBeValidJsonWithAUniqueUidAndQueries() {
		List<Path> files = RepositoryFiles.dashboards();
		Set<String> uids = new HashSet<>();

		assertThat(files).isNotEmpty();
		for (Path file : files) {
			JsonNode dashboard = Dashboards.parse(file);
			assertThat(uids.add(dashboard.path("uid").asString(""))).as(file + " uid unique").isTrue();
			assertThat(dashboard.path("title").asString("")).as(file + " title").startsWith("Statewise");
			assertThat(Dashboards.queries(dashboard)).as(file + " queries").isNotEmpty();
		}
	}

	@Test
	void everyPanelShouldQueryTheDatasourceVariableSoComposeAndTheChartShareTheFiles() {
		for (Path file : RepositoryFiles.dashboards()) {
			JsonNode dashboard = Dashboards.parse(file);
			assertThat(dashboard.path("templating").path("list").findValuesAsString("name")).as(file.toString())
				.contains("datasource");
			assertThat(dashboard.findValues("datasource")).as(file.toString())
				.filteredOn(JsonNode::isObject)
				.allSatisfy((datasource) -> assertThat(datasource.path("uid").asString()).isEqualTo("${datasource}"));
		}
	}

	@Test
	void metricNamesShouldBeReadFromQueriesWithoutFunctionsLabelsOrVariables() {
		String query = "histogram_quantile(0.95, sum by (le, instance) (rate(http_server_requests_seconds_bucket"
				+ "{application=\"$service\", uri!~\"/actuator.*\"}[$__rate_interval])))"
				+ " / on (instance) group_left sum(up{job=~\"a|b\"}) or vector(0)";

		assertThat(Dashboards.metricNames(query)).containsExactly("http_server_requests_seconds_bucket", "up");
		assertThat(Dashboards.metricNames("label_values(jvm_info{application=\"x\"}, instance)"))
			.containsExactly("jvm_info");
		assertThat(Dashboards.metricNames("label_values(application)")).isEmpty();
	}

	@Test
	void aLabelTheMetricLacksShouldBeReported() {
		Map<String, Set<String>> exposed = Map.of("lettuce_seconds_count", Set.of("application", "command"));

		assertThat(Dashboards.unknownLabels(
				"sum by (command, remote) (rate(lettuce_seconds_count{application=\"x\", instance=~\"a\", peer=\"p\"}[1m]))",
				exposed))
			.containsExactly("[lettuce_seconds_count] by (remote)", "lettuce_seconds_count{peer}");
	}

	@Test
	void aMetricNoServiceExposesShouldBeReported() {
		JsonNode dashboard = JsonMapper.builder()
			.build()
			.readTree("{\"panels\":[{\"targets\":[{\"expr\":\"sum(rate(statewise_no_such_metric_total[1m]))"
					+ " + sum(up)\"}]}]}");
		Set<String> exposed = Set.of("up");

		assertThat(Dashboards.metricNames(dashboard)).filteredOn((name) -> !exposed.contains(name))
			.containsExactly("statewise_no_such_metric_total");
	}

}
