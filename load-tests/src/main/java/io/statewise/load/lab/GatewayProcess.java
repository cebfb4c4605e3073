package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/**
 * A gateway of E7's own, started beside the stack for one run (its own JVM, with the full
 * JIT, on free ports), so that the stack's gateway stays as it is: the stack's gateway
 * jar with the variant's arguments. Ready when it answers the measured request with
 * {@code 200}. Closing it stops it; so does the lab's end (a shutdown hook, for Ctrl-C).
 */
final class GatewayProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private final Thread stopAtExit;

	private GatewayProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.stopAtExit = new Thread(process::destroy, "lab-e7-gateway-stop");
		Runtime.getRuntime().addShutdownHook(this.stopAtExit);
	}

	/**
	 * Starts {@code java -jar gateway.jar} with the arguments and environment given and
	 * waits until it answers {@code path} with {@code 200}.
	 */
	static GatewayProcess start(String java, Path jar, List<String> arguments, Map<String, String> environment,
			Path log, String path, Duration patience) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No gateway at " + jar + ": build the local stack first (./lab does)");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--server.port=" + port,
				"--management.server.port=" + freePort(), "--statewise.instance-id=gateway-e7"));
		command.addAll(arguments);
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			GatewayProcess gateway = new GatewayProcess(builder.start(), port, log);
			gateway.awaitAnswer(path, patience);
			return gateway;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the gateway: " + command, ex);
		}
	}

	private void awaitAnswer(String path, Duration patience) {
		try {
			Awaitility.await()
				.atMost(patience)
				.pollInterval(Duration.ofSeconds(1))
				.ignoreExceptions()
				.failFast("The gateway exited", () -> !this.process.isAlive())
				.until(() -> HTTP
					.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200);
		}
		catch (RuntimeException ex) {
			close();
			throw new IllegalStateException(
					"The gateway did not answer " + path + " within " + patience.toSeconds() + " s; see " + this.log,
					ex);
		}
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		LocalStackProcess.stop(this.process, Duration.ofSeconds(30));
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopAtExit);
		}
		catch (IllegalStateException ex) {
			// the lab is shutting down: the hook stops the gateway anyway
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the gateway", ex);
		}
	}

}
