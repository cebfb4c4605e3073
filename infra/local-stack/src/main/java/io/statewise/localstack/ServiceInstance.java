package io.statewise.localstack;

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

import io.statewise.embedded.ChildProcess;
import io.statewise.embedded.ManagedProcess;
import org.jspecify.annotations.Nullable;

/**
 * One instance of a Statewise service, run from its executable jar in its own JVM, as it
 * would run in a container: configured by command-line properties and environment,
 * logging to a file, stopped with SIGTERM (graceful shutdown) or killed with SIGKILL.
 */
final class ServiceInstance extends ChildProcess {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final String name;

	private final Path java;

	private final Path jar;

	/** The interface the application port listens on; management ports: loopback only. */
	private final String address;

	private final int port;

	private final int managementPort;

	private final List<String> jvmOptions;

	private final Map<String, String> environment;

	private final Path log;

	private final Duration readyTimeout;

	ServiceInstance(String name, Path java, Path jar, String address, int port, int managementPort,
			List<String> jvmOptions, Map<String, String> environment, Path log, Duration readyTimeout) {
		super(30);
		this.name = name;
		this.java = java;
		this.jar = jar;
		this.address = address;
		this.port = port;
		this.managementPort = managementPort;
		this.jvmOptions = jvmOptions.stream().filter((option) -> !option.isBlank()).toList();
		this.environment = Map.copyOf(environment);
		this.log = log;
		this.readyTimeout = readyTimeout;
	}

	@Override
	public String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	int managementPort() {
		return this.managementPort;
	}

	Path log() {
		return this.log;
	}

	/** Launches the JVM and waits until its readiness probe answers UP. */
	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		launch();
		awaitReady();
	}

	synchronized void launch() {
		if (Files.notExists(this.jar)) {
			throw new IllegalStateException("No jar for " + this.name + " at " + this.jar.toAbsolutePath()
					+ "; build it first: ./mvnw -DskipTests package");
		}
		List<String> command = new ArrayList<>();
		command.add(this.java.toString());
		command.addAll(this.jvmOptions);
		command.addAll(List.of("-jar", this.jar.toString(), "--server.port=" + this.port,
				"--server.address=" + this.address, "--management.server.port=" + this.managementPort,
				"--management.server.address=127.0.0.1", "--statewise.instance-id=" + this.name));
		try {
			Files.createDirectories(this.log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			builder.environment().putAll(this.environment);
			started(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not launch " + this.name, ex);
		}
	}

	void awaitReady() {
		Instant deadline = Instant.now().plus(this.readyTimeout);
		while (health() != Health.UP) {
			if (pid().isEmpty()) {
				throw new IllegalStateException(this.name + " exited while starting; see " + this.log);
			}
			if (Instant.now().isAfter(deadline)) {
				dumpThreads();
				throw new IllegalStateException(this.name + " was not ready within " + this.readyTimeout.toSeconds()
						+ " s; see " + this.log + " (its threads are dumped at its end)");
			}
			pause();
		}
	}

	/**
	 * SIGQUIT: the JVM prints every thread's stack to its standard output, this
	 * instance's log, and goes on. A JVM that hangs while starting (one did, once, under
	 * a load of 28 on two cores, after its Sentinel connections timed out) is stopped
	 * right after; without this its log ends where it hung and says nothing about where.
	 */
	private void dumpThreads() {
		pid().ifPresent((pid) -> {
			try {
				ManagedProcess.signal(pid, "QUIT");
			}
			catch (IllegalStateException ex) {
				// exited meanwhile: nothing to dump
			}
		});
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for readiness", ex);
		}
	}

	/**
	 * SIGCONT, and when the JVM was frozen, waits until it answers HTTP again (any
	 * status): a thawed JVM first catches up on its timers and safepoints, and on a busy
	 * machine its first answer can take longer than a probe waits.
	 */
	@Override
	public void thaw() {
		boolean frozen = isFrozen();
		super.thaw();
		if (frozen) {
			awaitAnswering();
		}
	}

	private void awaitAnswering() {
		Instant deadline = Instant.now().plus(this.readyTimeout);
		while (isRunning() && readiness(Duration.ofSeconds(5)) == null) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(this.name + " did not answer within " + this.readyTimeout.toSeconds()
						+ " s of being thawed; see " + this.log);
			}
			pause();
		}
	}

	/** What the instance's readiness probe says now. */
	Health health() {
		if (!isRunning()) {
			return Health.DOWN;
		}
		try {
			Integer status = readiness(Duration.ofSeconds(1));
			return (status != null && status == 200) ? Health.UP : Health.DOWN;
		}
		catch (IllegalStateException ex) {
			return Health.UNKNOWN;
		}
	}

	/** The readiness probe's HTTP status, or null when it does not answer in time. */
	private @Nullable Integer readiness(Duration timeout) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
			.timeout(timeout)
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking " + this.name + " for readiness", ex);
		}
	}

}
