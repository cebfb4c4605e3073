package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
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

/**
 * A gateway of E7's own, started beside the stack for one run (its own JVM, with the full
 * JIT, on free ports), so that the stack's gateway stays as it is: the stack's gateway
 * jar with the variant's arguments. Ready when it answers the measured request with
 * {@code 200}. Closing it stops it; so does the lab's end ({@link JavaProcess}, for
 * Ctrl-C).
 */
final class GatewayProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JavaProcess process;

	private final int port;

	private GatewayProcess(JavaProcess process, int port) {
		this.process = process;
		this.port = port;
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
		URI uri = uri(port, path);
		JavaProcess process = JavaProcess.start(command, environment, log, Duration.ofSeconds(30))
			.awaitReady("The gateway (answering " + path + ")", patience, Duration.ofSeconds(1),
					() -> HTTP
						.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200);
		return new GatewayProcess(process, port);
	}

	URI uri(String path) {
		return uri(this.port, path);
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.process.log();
	}

	@Override
	public void close() {
		this.process.close();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port for the gateway", ex);
		}
	}

}
