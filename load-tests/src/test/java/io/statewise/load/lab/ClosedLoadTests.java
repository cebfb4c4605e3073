package io.statewise.load.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E7's load against the JDK's HTTP server: every connection kept alive and busy until the
 * time is up, every answer other than {@code 200} counted apart from the response times.
 */
class ClosedLoadTests {

	private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

	private final AtomicLong requests = new AtomicLong();

	private final Set<String> callers = ConcurrentHashMap.newKeySet();

	private HttpServer server;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.createContext("/ok", (exchange) -> answer(exchange, 200));
		this.server.createContext("/caller", (exchange) -> {
			String caller = exchange.getRequestHeaders().getFirst("X-Caller");
			if (caller != null) {
				this.callers.add(caller);
			}
			answer(exchange, (caller != null) ? 200 : 401);
		});
		this.server.createContext("/busy", (exchange) -> answer(exchange, (this.requests.get() % 2 == 0) ? 200 : 503));
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void everyConnectionShouldBeKeptAliveAndBusyUntilTheTimeIsUp() {
		// class loading and the first connections out of the way: at a load average of 22
		// a cold 500 ms run answered only 3 requests, one per connection, which proves no
		// reuse
		ClosedLoad.run(ClosedLoad.Target.anonymous(uri("/ok")), 3, Duration.ofMillis(300));
		this.requests.set(0);
		this.clientPorts.clear();

		ClosedLoad.Outcome outcome = ClosedLoad.run(ClosedLoad.Target.anonymous(uri("/ok")), 3, Duration.ofSeconds(2));

		assertThat(outcome.failures()).isZero();
		// more requests than connections, over no more connections than asked for
		assertThat(outcome.ok()).isEqualTo(this.requests.get()).isGreaterThan(6);
		assertThat(this.clientPorts).as("connections opened").hasSizeLessThanOrEqualTo(3);
		assertThat(outcome.seconds()).isBetween(2.0, 10.0);
		assertThat(outcome.p50()).isPositive().isLessThanOrEqualTo(outcome.p99());
	}

	@Test
	void answersOtherThan200ShouldBeCountedApartFromTheResponseTimes() {
		ClosedLoad.Outcome outcome = ClosedLoad.run(ClosedLoad.Target.anonymous(uri("/busy")), 1,
				Duration.ofMillis(300));

		assertThat(outcome.ok() + outcome.failures()).isEqualTo(this.requests.get());
		assertThat(outcome.failures()).isPositive();
		assertThat(outcome.firstFailure()).isEqualTo("answered 503");
	}

	@Test
	void eachThreadShouldAskAsItsCallerInTurn() {
		ClosedLoad.Target callers = new ClosedLoad.Target(uri("/caller"),
				List.of(Map.of("X-Caller", "ann"), Map.of("X-Caller", "bob")));

		ClosedLoad.Outcome outcome = ClosedLoad.run(callers, 4, Duration.ofMillis(500));

		assertThat(outcome.failures()).isZero();
		// no request went without a caller (it would have been answered 401), and both
		// asked
		assertThat(this.callers).containsExactlyInAnyOrder("ann", "bob");
	}

	private void answer(HttpExchange exchange, int status) throws IOException {
		this.requests.incrementAndGet();
		this.clientPorts.add(exchange.getRemoteAddress().getPort());
		byte[] body = "{\"sku\":\"TEA-001\"}".getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

}
