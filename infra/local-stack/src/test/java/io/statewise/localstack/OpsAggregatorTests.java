package io.statewise.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.statewise.embedded.ManagedProcess;
import io.statewise.localstack.OpsSnapshot.Node;
import io.statewise.localstack.OpsSnapshot.SignalRow;
import io.statewise.localstack.StackComponent.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The panel's look at the stack when components misbehave: a service whose Prometheus
 * endpoint is down, one that hangs, one that answers garbage. Each is a tiny HTTP server
 * in this test (a remote service, not a datastore); the processes are this JVM, running.
 * Protects: the broken ones read as unknown, and the look still ends within its deadline
 * with the healthy one's traffic in it.
 */
class OpsAggregatorTests {

	private static final Duration TIMEOUT = Duration.ofMillis(800);

	private final AtomicInteger requests = new AtomicInteger(100);

	private final ExecutorService pool = Executors.newCachedThreadPool();

	private final ExecutorService servers = Executors.newCachedThreadPool();

	private final List<HttpServer> started = new java.util.ArrayList<>();

	private OpsAggregator aggregator;

	@BeforeEach
	void startComponents() throws IOException {
		List<StackComponent> components = List.of(service("order-service-1", this::good),
				service("order-service-2", (exchange) -> answer(exchange, "<html>Whitelabel</html>")),
				service("inventory-service-1", this::hang), new StackComponent("inventory-service-2", Kind.SERVICE,
						new ThisJvm(), "http://127.0.0.1:1", closedPort(), () -> Health.UP, () -> ""));
		this.aggregator = new OpsAggregator(() -> components, Optional::empty, SessionMode.REDIS, () -> true,
				new Timeline(), this.pool, TIMEOUT);
	}

	@AfterEach
	void stop() {
		this.started.forEach((server) -> server.stop(0));
		this.servers.shutdownNow();
		this.pool.shutdownNow();
	}

	@Test
	void aLookWithAPrometheusEndpointDownHungOrAnsweringGarbageShouldMarkThemUnknownAndKeepTheRest() {
		// a cold JVM's first HTTP connection can take longer than a look waits
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metrics(this.aggregator.look(), "order-service-1").equals("ok"));
		this.requests.addAndGet(10);

		Instant started = Instant.now();
		OpsSnapshot snapshot = this.aggregator.look();

		assertThat(Duration.between(started, Instant.now())).isLessThan(TIMEOUT.multipliedBy(2));
		assertThat(snapshot.nodes()).extracting(Node::name, Node::metrics)
			.containsExactly(tuple("order-service-1", "ok"), tuple("order-service-2", "unknown"),
					tuple("inventory-service-1", "unknown"), tuple("inventory-service-2", "unknown"));
		assertThat(snapshot.nodes()).extracting(Node::state).containsOnly("up");
		assertThat(row(snapshot, "order-service-1").rps()).as(() -> snapshot.signals().toString()).isPositive();
		assertThat(row(snapshot, "order-service-1").share()).isEqualTo(1.0);
		assertThat(row(snapshot, "order-service-2").rps()).isNull();
		assertThat(row(snapshot, "inventory-service").rps()).isNull();
	}

	private static String metrics(OpsSnapshot snapshot, String name) {
		return snapshot.nodes().stream().filter((node) -> node.name().equals(name)).findFirst().orElseThrow().metrics();
	}

	private static SignalRow row(OpsSnapshot snapshot, String name) {
		return snapshot.signals().stream().filter((row) -> row.name().equals(name)).findFirst().orElseThrow();
	}

	/** A service whose management port is a server answering with this handler. */
	private StackComponent service(String name, HttpHandler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(this.servers);
		server.createContext("/actuator/prometheus", handler);
		server.start();
		this.started.add(server);
		return new StackComponent(name, Kind.SERVICE, new ThisJvm(), "http://127.0.0.1:1",
				server.getAddress().getPort(), () -> Health.UP, () -> "");
	}

	private void good(HttpExchange exchange) throws IOException {
		answer(exchange,
				"""
						# HELP http_server_requests_seconds
						# TYPE http_server_requests_seconds histogram
						http_server_requests_seconds_bucket{method="GET",outcome="SUCCESS",status="200",uri="/api/orders",le="0.01"} %1$d
						http_server_requests_seconds_bucket{method="GET",outcome="SUCCESS",status="200",uri="/api/orders",le="+Inf"} %1$d
						http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/api/orders"} %1$d
						http_server_requests_seconds_count{method="GET",outcome="SUCCESS",status="200",uri="/actuator/prometheus"} 7
						statewise_orders_backlog_pending{application="order-service"} 3.0
						"""
					.formatted(this.requests.get()));
	}

	private void hang(HttpExchange exchange) throws IOException {
		try {
			Thread.sleep(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		answer(exchange, "");
	}

	private static void answer(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/** A process that runs: this test's own JVM. */
	private static final class ThisJvm implements ManagedProcess {

		@Override
		public String name() {
			return "this-jvm";
		}

		@Override
		public void start() {
		}

		@Override
		public void stop() {
		}

		@Override
		public void kill() {
		}

		@Override
		public OptionalLong pid() {
			return OptionalLong.of(ProcessHandle.current().pid());
		}

	}

}
