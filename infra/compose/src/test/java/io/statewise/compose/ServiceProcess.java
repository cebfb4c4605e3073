package io.statewise.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service run from its executable jar in its own JVM, on loopback, as the local stack
 * runs it; stopped with SIGTERM, killed if it does not exit.
 */
final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final int managementPort;

	private final Path log;

	private final Process process;

	private ServiceProcess(String name, int managementPort, Path log, Process process) {
		this.name = name;
		this.managementPort = managementPort;
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
			return new ServiceProcess(name, managementPort, log, builder.start());
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

	/** {@code /actuator/prometheus} of this instance, in Prometheus' text format. */
	String scrape() {
		return get("/actuator/prometheus").body();
	}

	private int status(String path) {
		try {
			return get(path).statusCode();
		}
		catch (UncheckedIOException ex) {
			return 0;
		}
	}

	private HttpResponse<String> get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
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
