package io.statewise.gateway;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.testkit.RealDatastoresInitializer;
import io.statewise.testkit.TestDefaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approximate rate limiter (the default mode) across two gateway instances sharing
 * the real (embedded) Redis, as two replicas behind a Service would: one user sends at
 * twice the orders route's limit for ten seconds, alternating between them. It must get
 * {@code 429}s, and what both admitted together must stay within the bound stated in
 * {@code SharedTokenBuckets} and ADR 21: {@code r·(W + N·T) + N·b}, with {@code T} taken
 * at its largest, the {@code unavailable-after} time (an instance whose last sync is
 * older than that no longer limits: it fails open, and its requests are counted apart as
 * {@code outcome=unavailable}, which this test subtracts).
 */
@GatewayTest
class TwoGatewaysRateLimitTests {

	/** The orders route's limits (application.yml): per second and burst. */
	static final int PER_SECOND = 5;

	static final int BURST = 10;

	static final int INSTANCES = 2;

	/** {@code statewise.gateway.rate-limit.unavailable-after}, in seconds. */
	static final double LONGEST_SYNC_GAP = 1.0;

	static final int SECONDS = 10;

	private static ConfigurableApplicationContext second;

	@Value("${local.server.port}")
	int port;

	@Autowired
	MeterRegistry meters;

	@AfterAll
	static void stopSecond() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void aUserAtTwiceTheLimitThroughTwoGatewaysShouldBeLimitedWithinTheStatedBound() {
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
		WebTestClient[] gateways = { Gateway.client(this.port), Gateway.client(secondPort()) };
		MeterRegistry[] registries = { this.meters, second.getBean(MeterRegistry.class) };
		double unavailableBefore = unavailable(registries);
		String session = Backends.loggedIn("two-gateways-" + System.nanoTime());
		int requests = 2 * PER_SECOND * SECONDS;
		long interval = TimeUnit.SECONDS.toNanos(1) / (2 * PER_SECOND);
		long start = System.nanoTime();
		int admitted = 0;
		int limited = 0;
		for (int i = 0; i < requests; i++) {
			// paced, not timed: a late send only makes the measured window longer
			LockSupport.parkNanos(start + i * interval - System.nanoTime());
			EntityExchangeResult<String> response = Gateway.orders(gateways[i % INSTANCES], session)
				.expectBody(String.class)
				.returnResult();
			assertThat(response.getStatus().value()).as(response.getResponseBody()).isIn(200, 429);
			if (response.getStatus().value() == 200) {
				admitted++;
			}
			else {
				limited++;
			}
		}
		double window = (System.nanoTime() - start) / 1e9;
		long failedOpen = Math.round(unavailable(registries) - unavailableBefore);
		double bound = PER_SECOND * (window + INSTANCES * LONGEST_SYNC_GAP) + INSTANCES * BURST;
		System.out.printf(
				"2 gateways, %d requests at %d/s over %.1f s: %d admitted (%d unlimited), %d limited;"
						+ " bound %.1f, exact limit %.1f%n",
				requests, 2 * PER_SECOND, window, admitted, failedOpen, limited, bound, BURST + PER_SECOND * window);
		assertThat(limited).as("requests over the limit refused").isPositive();
		assertThat(admitted - failedOpen).as("admitted while limiting").isLessThanOrEqualTo((long) bound);
		assertThat(admitted).as("at least the exact limit's burst").isGreaterThanOrEqualTo(BURST);
	}

	private static double unavailable(MeterRegistry[] registries) {
		double count = 0;
		for (MeterRegistry registry : registries) {
			count += registry.find("statewise.gateway.rate.limit")
				.tag("route", "order-service")
				.tag("outcome", "unavailable")
				.counters()
				.stream()
				.mapToDouble((counter) -> counter.count())
				.sum();
		}
		return count;
	}

	/**
	 * A second gateway in this JVM, configured as the shared one ({@link GatewayTest}'s
	 * properties, the same fake backends, the same Redis and identity keys), on free
	 * loopback ports. The ports are arguments: application.yml outranks default
	 * properties, and its fixed ports (8080, 9080, on every interface) were taken
	 * whenever a local stack ran beside the build.
	 */
	private int secondPort() {
		if (second == null) {
			second = new SpringApplicationBuilder(GatewayApplication.class)
				.properties(GatewayTest.class.getAnnotation(SpringBootTest.class).properties())
				.properties("statewise.instance-id=gateway-second")
				.initializers(new Backends.Initializer(), RealDatastoresInitializer.forDatabase(""), new TestDefaults())
				.run("--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
						"--management.server.address=127.0.0.1");
		}
		return second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

}
