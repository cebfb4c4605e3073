package io.statewise.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.UUID;

import io.statewise.embedded.Folders;
import io.statewise.embedded.FreePorts;
import io.statewise.embedded.PostgresServer;
import io.statewise.embedded.RedisTopology;
import io.statewise.testkit.Lines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.RequestBodySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the dashboards name is one the services really expose: the four services
 * run from their jars (one instance each, started one after the other, on loopback) on
 * embedded PostgreSQL and Redis with Sentinel, a shopper checks out through the gateway
 * so that meters registered on first use exist, and each {@code /actuator/prometheus} is
 * scraped. A dashboard naming a metric no service has would show an empty panel.
 */
class ObservabilityIntegrationTests {

	/** Made by Prometheus for every target, not by the services. */
	static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

	private static final Pattern LABEL = Pattern.compile("[{,]([a-zA-Z_]\\w*)=\"");

	static final Duration READY = Duration.ofSeconds(240);

	private static final List<ServiceProcess> services = new ArrayList<>();

	private static final Map<String, Integer> ports = new LinkedHashMap<>();

	private static final Map<String, Integer> managementPorts = new LinkedHashMap<>();

	private static Path dir;

	private static PostgresServer postgres;

	private static OtlpReceiver otlp;

	/** The W3C trace the shopper's checkout request starts (traceparent). */
	private static final String CHECKOUT_TRACE = HexFormat.of().formatHex(randomBytes(16));

	private static RedisTopology redis;

	@BeforeAll
	static void startTheStore() throws IOException {
		dir = Files.createTempDirectory("statewise-metrics");
		List<Integer> free = FreePorts.find(16);
		postgres = new PostgresServer(dir.resolve("postgres/data"), free.get(0));
		postgres.start();
		redis = new RedisTopology(dir.resolve("redis"),
				new RedisTopology.Ports(free.get(1), free.get(2), free.subList(3, 6)))
			.start();
		otlp = OtlpReceiver.start();
		Map<String, String> environment = environment();
		environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", otlp.endpoint());
		int next = 6;
		for (String service : List.of("inventory-service", "session-service", "order-service", "gateway")) {
			ports.put(service, free.get(next));
			managementPorts.put(service, free.get(next + 1));
			environment.putAll(instances(service, free.get(next), free.get(next + 1)));
			services
				.add(ServiceProcess
					.start(service, Path.of(System.getProperty("services.dir", "target/services"), service + ".jar"),
							free.get(next), free.get(next + 1), environment, Path.of("target/it-logs"))
					.awaitReady(READY));
			next += 2;
		}
		checkOutThroughTheGateway();
	}

	/** As the local stack and docker-compose.yml give every instance. */
	private static Map<String, String> environment() {
		byte[] key = randomBytes(32);
		return new LinkedHashMap<>(
				Map.of("STATEWISE_DB_HOST", "127.0.0.1", "STATEWISE_DB_PORT", String.valueOf(postgres.port()),
						"STATEWISE_DB_USER", PostgresServer.USERNAME, "STATEWISE_DB_PASSWORD", PostgresServer.PASSWORD,
						"STATEWISE_REDIS_MASTER", RedisTopology.MASTER_NAME, "STATEWISE_REDIS_SENTINELS",
						redis.endpoint().nodesProperty(), "STATEWISE_COOKIE_SECURE", "false", "STATEWISE_IDENTITY_KEYS",
						"it:" + Base64.getEncoder().encodeToString(key), "STATEWISE_IDENTITY_SIGNINGKEY", "it"));
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	/** Where an instance listens, in the variables the services that call it read. */
	private static Map<String, String> instances(String service, int port, int managementPort) {
		String url = "http://127.0.0.1:" + port;
		return switch (service) {
			case "inventory-service" -> Map.of("STATEWISE_INVENTORY_INSTANCES",
					url + "?management-port=" + managementPort, "STATEWISE_INVENTORY_URL", url,
					"STATEWISE_INVENTORY_MANAGEMENT_PORT", String.valueOf(managementPort), "STATEWISE_INVENTORY_URL_2",
					url, "STATEWISE_INVENTORY_MANAGEMENT_PORT_2", String.valueOf(managementPort));
			case "session-service" -> Map.of("STATEWISE_SESSION_INSTANCES", url + "?management-port=" + managementPort);
			case "order-service" -> Map.of("STATEWISE_ORDER_INSTANCES", url + "?management-port=" + managementPort);
			default -> Map.of();
		};
	}

	@AfterAll
	static void stopTheStore() {
		for (int i = services.size() - 1; i >= 0; i--) {
			services.get(i).close();
		}
		if (redis != null) {
			redis.close();
		}
		if (postgres != null) {
			postgres.stop();
		}
		if (otlp != null) {
			otlp.close();
		}
		if (dir != null) {
			Folders.deleteRecursively(dir);
		}
	}

	@Test
	void everyMetricTheDashboardsNameShouldBeExposedByAService() throws IOException {
		Map<String, Set<String>> exposed = new TreeMap<>();
		PROMETHEUS_OWN.forEach((name) -> exposed.put(name, Set.of()));
		for (ServiceProcess service : services) {
			service.scrape();
			samples(service.scrape(), exposed);
		}
		Files.write(Path.of("target/exposed-metrics.txt"),
				exposed.entrySet().stream().map((entry) -> entry.getKey() + " " + entry.getValue()).toList());

		assertThat(Dashboards.unknown(exposed)).as("named by a dashboard, exposed by no service").isEmpty();
	}

	/**
	 * docker-compose.yml asks each instance's readiness with bash alone (the JRE image
	 * has no curl): run here, against the running service, on its management port.
	 */
	@Test
	void composeHealthchecksShouldPassOnAReadyServiceAndFailOnAClosedPort() throws Exception {
		ComposeFile compose = ComposeFile.load();
		for (String service : managementPorts.keySet()) {
			String instance = compose.instancesOf(service).get(0);
			String healthcheck = compose.healthcheck(instance).replaceFirst("^bash -c ", "");
			String composePort = String.valueOf(ServiceConfig.of(service).managementPort());

			assertThat(run(healthcheck.replace("/127.0.0.1/" + composePort + " ",
					"/127.0.0.1/" + managementPorts.get(service) + " ")))
				.as(instance)
				.isZero();
			assertThat(run(
					healthcheck.replace("/127.0.0.1/" + composePort + " ", "/127.0.0.1/" + ports.get(service) + " ")))
				.as(instance + " asked on its application port")
				.isNotZero();
		}
	}

	private static int run(String bashCommand) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", bashCommand).redirectErrorStream(true).start();
		process.getInputStream().readAllBytes();
		return process.waitFor();
	}

	@Test
	void aCheckoutsTraceShouldSpanTheGatewayOrderServiceAndInventoryService() {
		List<String> services = List.of("gateway", "order-service", "inventory-service");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(otlp.servicesWithSpansOf(CHECKOUT_TRACE, services))
				.containsExactlyInAnyOrderElementsOf(services));
	}

	/**
	 * A shopper's checkout: the meters that exist only once used (orders, sessions,
	 * Lettuce).
	 */
	private static void checkOutThroughTheGateway() {
		RestTestClient gateway = services.stream()
			.filter((service) -> service.name().equals("gateway"))
			.findFirst()
			.orElseThrow()
			.api();
		String origin = "http://127.0.0.1:" + ports.get("gateway");
		String email = "metrics-" + UUID.randomUUID() + "@example.com";
		String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
		gateway.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		write(gateway.post().uri("/api/account/signup"), origin, credentials.replace("}", ",\"displayName\":\"Ada\"}"))
			.expectStatus()
			.isCreated();
		String cookie = write(gateway.post().uri("/api/session/login"), origin, credentials).expectStatus()
			.isOk()
			.returnResult()
			.getResponseHeaders()
			.getFirst(HttpHeaders.SET_COOKIE)
			.split(";")[0];
		write(gateway.post().uri("/api/cart/lines").header(HttpHeaders.COOKIE, cookie), origin,
				"{\"productId\":\"TEA-003\",\"quantity\":1}")
			.expectStatus()
			.isOk();
		write(gateway.post()
			.uri("/api/orders")
			.header(HttpHeaders.COOKIE, cookie)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("traceparent", "00-" + CHECKOUT_TRACE + "-" + CHECKOUT_TRACE.substring(0, 16) + "-01"), origin,
				Lines.lines("TEA-003", 1))
			.expectStatus()
			.value((status) -> assertThat(status).isIn(201, 202));
	}

	/** A JSON write from the store's own origin. */
	private static RestTestClient.ResponseSpec write(RequestBodySpec request, String origin, String json) {
		return request.header("Origin", origin).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
	}

	/** Adds each sample's name and label names in a Prometheus text exposition. */
	static void samples(String exposition, Map<String, Set<String>> labelsByMetric) {
		exposition.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			String name = line.split("[{ ]", 2)[0];
			Set<String> labels = labelsByMetric.computeIfAbsent(name, (key) -> new TreeSet<>());
			Matcher label = LABEL.matcher(line.substring(name.length()));
			while (label.find()) {
				labels.add(label.group(1));
			}
		});
	}

}
