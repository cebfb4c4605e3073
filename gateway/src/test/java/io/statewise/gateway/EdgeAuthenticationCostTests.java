package io.statewise.gateway;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Not a test: measures what edge authentication adds per request (run with
 * {@code -Pbenchmark -Dtest=EdgeAuthenticationCostTests}). Sequential requests (c=1)
 * through the gateway to WireMock backends in the same JVM, so process CPU includes
 * WireMock's and the authenticated path includes WireMock answering the introspection:
 * the difference is an upper bound of the gateway's own cost. Reported in ADR 9; with and
 * without the introspection cache ({@code introspection-cache-ttl=0}) in
 * docs/benchmarks.md.
 */
@Tag("benchmark")
@GatewayTest
@TestPropertySource(properties = { "statewise.rate-limit.order-service.per-second=100000",
		"statewise.rate-limit.order-service.burst=100000" })
class EdgeAuthenticationCostTests {

	private static final int WARM_UP = 1000;

	private static final int REQUESTS = 3000;

	@Value("${local.server.port}")
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void measureEdgeAuthenticationCost() {
		String session = Backends.loggedIn("bench");
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B, Backends.INVENTORY_A,
				Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("{\"items\":[]}")));
		}
		WebTestClient client = Gateway.client(this.port);
		for (int round = 0; round < 2; round++) {
			report("anonymous GET /api/catalog/categories",
					() -> client.get().uri("/api/catalog/categories").exchange().expectBody().returnResult());
			report("authenticated GET /api/orders", () -> Gateway.orders(client, session).expectBody().returnResult());
		}
		Timer introspection = this.meters.find("statewise.gateway.introspection")
			.tag("outcome", "authenticated")
			.timer();
		if (introspection != null) {
			System.out.printf("introspection call: n=%d mean=%.0f µs max=%.0f µs%n", introspection.count(),
					introspection.mean(TimeUnit.MICROSECONDS), introspection.max(TimeUnit.MICROSECONDS));
		}
	}

	private static void report(String name, Runnable request) {
		for (int i = 0; i < WARM_UP; i++) {
			request.run();
		}
		long cpuBefore = cpuNanos();
		long start = System.nanoTime();
		for (int i = 0; i < REQUESTS; i++) {
			request.run();
		}
		long wall = System.nanoTime() - start;
		long cpu = cpuNanos() - cpuBefore;
		System.out.printf("%s: mean latency %.0f µs, process CPU %.0f µs/request%n", name, wall / 1000.0 / REQUESTS,
				cpu / 1000.0 / REQUESTS);
	}

	private static long cpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
