package io.statewise.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every deployable promises operations, whatever it does: probes and Prometheus on
 * the management port, nothing of Actuator on the application port, and problem+json for
 * a route that does not exist. A service's application test extends this class under
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = "management.server.port=0")}.
 */
public abstract class DeployableContractTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${local.server.port}")
	int serverPort;

	@Value("${local.management.port}")
	int managementPort;

	@Value("${spring.application.name}")
	String applicationName;

	@Autowired
	ApplicationContext context;

	/**
	 * A mistyped setting stops the start with a message naming it, instead of a service
	 * that runs with a zero timeout or a negative batch: every {@code statewise.*}
	 * properties record is validated.
	 */
	@Test
	void everyOwnConfigurationPropertiesShouldBeValidated() {
		List<String> unvalidated = ConfigurationPropertiesBean.getAll(this.context)
			.values()
			.stream()
			.map((bean) -> bean.asBindTarget().getType().toClass())
			.filter((type) -> type.getName().startsWith("io.statewise."))
			.filter((type) -> type.getAnnotation(Validated.class) == null)
			.map(Class::getName)
			.toList();
		assertThat(unvalidated).isEmpty();
	}

	@Test
	void livenessShouldBeUpOnTheManagementPort() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/health/liveness");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(status(response)).isEqualTo("UP");
	}

	/**
	 * Readiness reports what the service last saw of its datastores (it never waits on
	 * one, docs/adr/0004), so just after another test class in this JVM stopped and
	 * restarted one, the report may lag by a check: it must come back, within seconds.
	 */
	@Test
	void readinessShouldBeUpBecauseItsRealDatastoresAnswer() throws Exception {
		HttpResponse<String> response = await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> get(this.managementPort, "/actuator/health/readiness"),
					(answer) -> answer.statusCode() == 200);
		assertThat(status(response)).isEqualTo("UP");
		assertThat(JSON.readTree(response.body()).path("components").has("readinessState")).isTrue();
	}

	@Test
	void prometheusShouldExposeMetricsTaggedWithTheApplication() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes")
			.contains("application=\"" + this.applicationName + "\"");
	}

	@Test
	void actuatorShouldNotBeReachableOnTheApplicationPort() throws Exception {
		assertThat(get(this.serverPort, "/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void unknownRouteShouldAnswerProblemJson() throws Exception {
		HttpResponse<String> response = get(this.serverPort, "/no-such-route");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("application/problem+json"));
	}

	private static String status(HttpResponse<String> health) {
		return JSON.readTree(health.body()).path("status").asString();
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
