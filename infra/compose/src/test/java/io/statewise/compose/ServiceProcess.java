package io.statewise.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.statewise.testkit.Answers;
import io.statewise.testkit.TestClients;

import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.client.ResourceAccessException;

/**
 * One service run from its executable jar in its own JVM, on loopback, as the local stack
 * runs it; stopped with SIGTERM, killed if it does not exit. Asked over HTTP through
 * {@code RestTestClient}s (docs/adr/0026) on the JDK's client.
 */
final class ServiceProcess implements AutoCloseable {

	private final String name;

	private final RestTestClient api;

	private final RestTestClient management;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, int port, int managementPort, Path log, Process process) {
		this.name = name;
		// a shopper's requests: as long as a first checkout takes on a busy machine
		this.api = TestClients.to(port);
		// readiness is polled: a port not yet open or an answer late is asked again
		this.management = TestClients.to(managementPort, Duration.ofSeconds(1), Duration.ofSeconds(5));
		this.log = log;
		this.process = process;
	}

	static ServiceProcess start(String name, Path jar, int port, int managementPort, Map<String, String> environment,
			Path logs) {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-XX:TieredStopAtLevel=1", "-Xmx384m", "-jar", jar.toString(), "--server.port=" + port,
				"--server.address=127.0.0.1", "--management.server.port=" + managementPort,
				"--management.server.address=127.0.0.1", "--statewise.instance-id=" + name));
		Path log = logs.resolve(name + ".log");
		try {
			Files.createDirectories(logs);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
			builder.environment().putAll(environment);
			return new ServiceProcess(name, port, managementPort, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name, ex);
		}
	}

	ServiceProcess awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (status("/actuator/health/readiness") != 200) {
			if (!this.process.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(this.name + " did not become ready; see " + this.log);
			}
			sleep();
		}
		return this;
	}

	String name() {
		return this.name;
	}

	/** A client of the service's API, on its application port. */
	RestTestClient api() {
		return this.api;
	}

	/** {@code /actuator/prometheus} of this instance, in Prometheus' text format. */
	String scrape() {
		return Answers.body(this.management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk());
	}

	private int status(String path) {
		try {
			return this.management.get().uri(path).exchange().returnResult().getStatus().value();
		}
		catch (ResourceAccessException ex) {
			return 0;
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
