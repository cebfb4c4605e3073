package io.statewise.compose;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml is wired as the local stack is (LocalStack.serviceInstance), checked
 * against each service's own application.yml: no Docker needed, so a renamed variable, a
 * moved port or a missing database fails ./mvnw verify, not a user's first start.
 */
class ComposeFileTests {

	static final List<String> SERVICES = List.of("inventory-service", "session-service", "order-service");

	/**
	 * Boot exports spans only when it is set
	 * (management.opentelemetry.tracing.export.otlp.endpoint).
	 */
	static final String OTLP_ENDPOINT = "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT";

	/** Nothing waits for it, and its image has no client to run a healthcheck with. */
	static final Set<String> WITHOUT_HEALTHCHECK = Set.of("jaeger");

	static final List<String> SENTINELS = List.of("sentinel-1", "sentinel-2", "sentinel-3");

	/**
	 * Read through @ConfigurationProperties (relaxed binding), not as ${...}
	 * placeholders.
	 */
	static final Set<String> BOUND_VARIABLES = Set.of("STATEWISE_INSTANCEID", "STATEWISE_IDENTITY_KEYS",
			"STATEWISE_IDENTITY_SIGNINGKEY", OTLP_ENDPOINT);

	private final ComposeFile compose = ComposeFile.load();

	@Test
	void everyBackendServiceShouldRunTwiceBehindOneGateway() {
		SERVICES.forEach((service) -> assertThat(this.compose.instancesOf(service)).as(service)
			.containsExactly(service + "-1", service + "-2"));
		assertThat(this.compose.instancesOf("gateway")).containsExactly("gateway");
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory-service", "session-service", "order-service", "gateway" })
	void everyInstanceShouldGetTheDatastoreEndpointsItsServiceReads(String module) {
		ServiceConfig config = ServiceConfig.of(module);
		for (String instance : this.compose.instancesOf(module)) {
			Map<String, String> environment = this.compose.environment(instance);
			if (config.usesDatabase()) {
				assertThat(environment).as(instance)
					.containsEntry("STATEWISE_DB_HOST", "postgres")
					.containsEntry("STATEWISE_DB_PORT", "5432")
					.containsKeys("STATEWISE_DB_USER", "STATEWISE_DB_PASSWORD");
				assertThat(this.compose.dependsOn(instance)).as(instance).containsKey("postgres");
			}
			if (config.usesRedis()) {
				assertThat(environment).as(instance)
					.containsEntry("STATEWISE_REDIS_MASTER", "statewise")
					.containsEntry("STATEWISE_REDIS_SENTINELS",
							SENTINELS.stream().map((sentinel) -> sentinel + ":26379").collect(Collectors.joining(",")));
				assertThat(this.compose.dependsOn(instance)).as(instance)
					.containsKeys(SENTINELS.toArray(String[]::new));
			}
			assertThat(environment).as(instance)
				.containsKey("STATEWISE_IDENTITY_KEYS")
				.containsEntry("STATEWISE_INSTANCEID", instance);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory-service", "session-service", "order-service", "gateway" })
	void everyVariableGivenShouldBeOneItsServiceReads(String module) {
		ServiceConfig config = ServiceConfig.of(module);
		for (String instance : this.compose.instancesOf(module)) {
			assertThat(this.compose.environment(instance).keySet()).as(instance + " reads only")
				.allSatisfy((variable) -> assertThat(
						config.variables().contains(variable) || BOUND_VARIABLES.contains(variable))
					.as(variable)
					.isTrue());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory-service", "session-service", "order-service", "gateway" })
	void everyInstanceShouldBeProbedOnItsManagementPortsReadiness(String module) {
		int managementPort = ServiceConfig.of(module).managementPort();
		for (String instance : this.compose.instancesOf(module)) {
			assertThat(this.compose.healthcheck(instance)).as(instance)
				.contains("/dev/tcp/127.0.0.1/" + managementPort + " ", "GET /actuator/health/readiness ", "' 200 '");
		}
	}

	@Test
	void everyDependencyShouldBeWaitedForUntilItIsHealthy() {
		for (String service : this.compose.serviceNames()) {
			this.compose.dependsOn(service).forEach((dependency, condition) -> {
				assertThat(condition).as(service + " → " + dependency).isEqualTo("service_healthy");
				assertThat(this.compose.healthcheck(dependency)).as(dependency + "'s healthcheck").isNotBlank();
			});
		}
		assertThat(this.compose.serviceNames()).filteredOn((service) -> !WITHOUT_HEALTHCHECK.contains(service))
			.allSatisfy((service) -> assertThat(this.compose.healthcheck(service)).as(service + "'s healthcheck")
				.isNotBlank());
	}

	@Test
	void theGatewayShouldRouteToEveryInstanceAndPollItsManagementPort() {
		Map<String, String> environment = this.compose.environment("gateway");
		for (String service : SERVICES) {
			ServiceConfig config = ServiceConfig.of(service);
			String expected = this.compose.instancesOf(service)
				.stream()
				.map((instance) -> "http://" + instance + ":" + config.port() + "?management-port="
						+ config.managementPort())
				.collect(Collectors.joining(","));
			String variable = "STATEWISE_" + service.replace("-service", "").toUpperCase() + "_INSTANCES";
			assertThat(environment).containsEntry(variable, expected);
		}
	}

	@Test
	void orderAndSessionServiceShouldReachBothInventoryInstances() {
		ServiceConfig inventory = ServiceConfig.of("inventory-service");
		for (String instance : List.of("session-service-1", "session-service-2")) {
			assertThat(this.compose.environment(instance)).as(instance)
				.containsEntry("STATEWISE_INVENTORY_URL", "http://inventory-service-1:" + inventory.port())
				.containsEntry("STATEWISE_INVENTORY_URL_2", "http://inventory-service-2:" + inventory.port());
		}
		// order-service balances over the gateway's list, readiness ports included
		String list = this.compose.environment("gateway").get("STATEWISE_INVENTORY_INSTANCES");
		for (String instance : List.of("order-service-1", "order-service-2")) {
			assertThat(this.compose.environment(instance)).as(instance)
				.containsEntry("STATEWISE_INVENTORY_INSTANCES", list);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory-service", "session-service", "order-service", "gateway" })
	void everyInstanceShouldExportItsSpansToJaegerOverOtlp(String module) {
		for (String instance : this.compose.instancesOf(module)) {
			assertThat(this.compose.environment(instance)).as(instance)
				.containsEntry(OTLP_ENDPOINT, "${STATEWISE_OTLP_ENDPOINT:-http://jaeger:4318/v1/traces}");
		}
		assertThat(String.valueOf(this.compose.service("jaeger").get("image"))).startsWith("jaegertracing/jaeger:2.");
	}

	@Test
	void onlyTheGatewayShouldPublishAnApplicationPortAndNoManagementPortBePublished() {
		Map<String, List<String>> published = this.compose.serviceNames()
			.stream()
			.filter((service) -> !this.compose.ports(service).isEmpty())
			.collect(Collectors.toMap((service) -> service, this.compose::ports));

		assertThat(published).containsOnlyKeys("gateway", "prometheus", "grafana", "jaeger");
		assertThat(published.get("jaeger")).containsExactly("127.0.0.1:16686:16686");
		assertThat(published.get("gateway")).singleElement().asString().endsWith(":8080");
		assertThat(published.get("prometheus")).containsExactly("127.0.0.1:9090:9090");
		assertThat(published.get("grafana")).containsExactly("127.0.0.1:3000:3000");
	}

	@Test
	void sentinelsShouldAnnounceAndResolveHostnamesAndPromoteWithinSeconds() {
		assertThat(this.compose.serviceNames()).containsAll(SENTINELS);
		for (String sentinel : SENTINELS) {
			String config = this.compose.command(sentinel);
			assertThat(config).as(sentinel)
				.contains("'sentinel resolve-hostnames yes'", "'sentinel announce-hostnames yes'",
						"'sentinel announce-ip " + sentinel + "'", "'sentinel monitor statewise redis-1 6379 2'")
				// resolve-hostnames must come before a monitor line that names a host
				.satisfies((text) -> assertThat(text.indexOf("resolve-hostnames"))
					.isLessThan(text.indexOf("sentinel monitor")));
			assertThat(downAfterMillis(config)).as(sentinel).isBetween(500, 5000);
		}
	}

	@Test
	void redisShouldAcceptClientsFromOtherContainers() {
		// protected mode (the default without a password) refuses every non-loopback
		// client
		for (String node : List.of("redis-1", "redis-2", "sentinel-1", "sentinel-2", "sentinel-3")) {
			assertThat(this.compose.command(node)).as(node).contains("'protected-mode no'");
		}
	}

	@Test
	void redisNodesShouldAnnounceTheirNamesAndTheReplicaFollowThePrimary() {
		assertThat(this.compose.command("redis-1")).contains("'replica-announce-ip redis-1'")
			.doesNotContain("replicaof");
		assertThat(this.compose.command("redis-2")).contains("'replica-announce-ip redis-2'",
				"'replicaof redis-1 6379'");
		assertThat(this.compose.volumes("redis-1")).anyMatch((volume) -> volume.endsWith(":/data"));
		assertThat(this.compose.volumes("redis-2")).anyMatch((volume) -> volume.endsWith(":/data"));
	}

	@Test
	void postgresShouldCreateEveryDatabaseTheServicesUse() {
		String init = RepositoryFiles.read(RepositoryFiles.resolve("infra/compose/postgres/init-databases.sql"));
		assertThat(this.compose.volumes("postgres"))
			.contains("./postgres/init-databases.sql:/docker-entrypoint-initdb.d/init-databases.sql:ro");
		for (String service : List.of("inventory-service", "session-service", "order-service")) {
			assertThat(init).contains("CREATE DATABASE " + ServiceConfig.of(service).database() + ";");
		}
	}

	@Test
	void prometheusShouldScrapeEveryInstancesManagementPort() {
		Map<String, Object> prometheus = RepositoryFiles
			.yaml(RepositoryFiles.resolve("infra/compose/prometheus/prometheus.yml"));
		Set<String> targets = ((List<?>) prometheus.get("scrape_configs")).stream().flatMap((job) -> {
			assertThat(ComposeFile.map(job).get("metrics_path")).isEqualTo("/actuator/prometheus");
			return ((List<?>) ComposeFile.map(job).get("static_configs")).stream()
				.flatMap((config) -> ((List<?>) ComposeFile.map(config).get("targets")).stream())
				.map(String::valueOf);
		}).collect(Collectors.toSet());

		Set<String> expected = List.of("inventory-service", "session-service", "order-service", "gateway")
			.stream()
			.flatMap((module) -> this.compose.instancesOf(module)
				.stream()
				.map((instance) -> instance + ":" + ServiceConfig.of(module).managementPort()))
			.collect(Collectors.toSet());
		assertThat(targets).isEqualTo(expected);
	}

	@Test
	void grafanaShouldProvisionTheChartsDashboards() {
		assertThat(this.compose.volumes("grafana")).contains(
				"../../helm/statewise/dashboards:/var/lib/grafana/dashboards:ro",
				"./grafana/provisioning:/etc/grafana/provisioning:ro");
		String home = this.compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
		assertThat(RepositoryFiles.resolve("helm/statewise/dashboards/" + home.substring(home.lastIndexOf('/') + 1)))
			.exists();
		assertThat(this.compose.dependsOn("grafana")).containsEntry("prometheus", "service_healthy");
	}

	@Test
	void sessionServiceShouldTrustForwardedHeadersFromTheGatewayAlone() {
		Map<String, Object> network = ComposeFile
			.map(ComposeFile.map(this.compose.service("gateway").get("networks")).get("statewise"));
		String gatewayAddress = String.valueOf(network.get("ipv4_address"));
		for (String instance : this.compose.instancesOf("session-service")) {
			Pattern trusted = Pattern.compile(this.compose.environment(instance).get("STATEWISE_TRUSTED_PROXIES"));
			assertThat(trusted.matcher(gatewayAddress).matches()).as(instance).isTrue();
			assertThat(trusted.matcher("172.28.0.81").matches()).as(instance + " trusts another address").isFalse();
		}
		assertThat(String.valueOf(this.compose.root().get("networks"))).contains("subnet=172.28.0.0/24");
		assertThat(gatewayAddress).startsWith("172.28.0.");
	}

	@Test
	void everyImageShouldBePinnedAndNoServiceImagePulledByDefault() {
		for (String service : this.compose.serviceNames()) {
			String image = String.valueOf(this.compose.service(service).get("image"));
			assertThat(image).as(service).matches(".+:[^/:]+").doesNotEndWith(":latest");
		}
		List.of("inventory-service", "session-service", "order-service", "gateway")
			.stream()
			.flatMap((module) -> this.compose.instancesOf(module).stream())
			.forEach((instance) -> assertThat(this.compose.service(instance).get("pull_policy")).as(instance)
				.isEqualTo("${STATEWISE_PULL_POLICY:-never}"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void composeAndTheChartShouldRunTheSameDatastoreImages() {
		Map<String, Object> values = RepositoryFiles.yaml(RepositoryFiles.resolve("helm/statewise/values.yaml"));
		for (String datastore : List.of("redis", "postgresql")) {
			Map<String, Object> image = (Map<String, Object>) ((Map<String, Object>) values.get(datastore))
				.get("image");
			String chart = image.get("repository").toString().replaceFirst("^library/", "") + ":" + image.get("tag");
			String service = datastore.equals("redis") ? "redis-1" : "postgres";
			assertThat(this.compose.service(service).get("image")).as(datastore).isEqualTo(chart);
		}
		for (String sentinel : SENTINELS) {
			assertThat(this.compose.service(sentinel).get("image")).as(sentinel)
				.isEqualTo(this.compose.service("redis-1").get("image"));
		}
	}

	private static int downAfterMillis(String config) {
		Matcher matcher = Pattern.compile("sentinel down-after-milliseconds statewise (\\d+)").matcher(config);
		assertThat(matcher.find()).as("down-after-milliseconds").isTrue();
		return Integer.parseInt(matcher.group(1));
	}

}
