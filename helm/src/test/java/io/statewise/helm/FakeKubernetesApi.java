package io.statewise.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The two answers Helm's {@code lookup} needs, on a loopback port, so that rendering is
 * hermetic. helm-java's {@code template()} runs Helm's install as a dry run whose lookup
 * asks the cluster of the current kubeconfig (without one: {@code localhost:8080}, where
 * a local stack's gateway may listen); Surefire points {@code KUBECONFIG} at the file
 * this class writes. It knows only Secrets, and only those a test puts in, which also
 * lets tests check that a secret generated once is kept on upgrade.
 */
final class FakeKubernetesApi {

	private static final Map<String, String> secrets = new ConcurrentHashMap<>();

	private static volatile boolean started;

	private FakeKubernetesApi() {
	}

	static synchronized void start() {
		if (started) {
			return;
		}
		String kubeconfig = System.getenv("KUBECONFIG");
		if (kubeconfig == null) {
			throw new IllegalStateException("KUBECONFIG is not set: run the chart tests through Maven (helm/pom.xml "
					+ "points it at the tests' stand-in API), never against a real cluster");
		}
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", FakeKubernetesApi::answer);
			server.start();
			Files.writeString(Path.of(kubeconfig), kubeconfig(server.getAddress().getPort()));
			Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
			started = true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Secret the "cluster" holds from now on, as JSON. */
	static void putSecret(String namespace, String name, String json) {
		secrets.put(namespace + "/" + name, json);
	}

	static void clear() {
		secrets.clear();
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		if (path.equals("/api/v1")) {
			send(exchange, 200,
					"""
							{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
							{"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""");
			return;
		}
		String prefix = "/api/v1/namespaces/";
		if (path.startsWith(prefix) && path.contains("/secrets/")) {
			String[] parts = path.substring(prefix.length()).split("/");
			String secret = secrets.get(parts[0] + "/" + parts[2]);
			if (secret != null) {
				send(exchange, 200, secret);
				return;
			}
		}
		send(exchange, 404, """
				{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}""");
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private static String kubeconfig(int port) {
		return """
				apiVersion: v1
				kind: Config
				clusters:
				  - name: fake
				    cluster:
				      server: http://127.0.0.1:%d
				contexts:
				  - name: fake
				    context:
				      cluster: fake
				      user: fake
				users:
				  - name: fake
				    user: {}
				current-context: fake
				""".formatted(port);
	}

}
