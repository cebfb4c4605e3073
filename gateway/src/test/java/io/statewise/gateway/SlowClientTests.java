package io.statewise.gateway;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients (slowloris) are cut off: GatewayTest sets the idle timeout, which also
 * bounds the headers, to 3 s and the body deadline to 2 s; each test allows far longer, a
 * shared 2-core machine being slow at times.
 */
@GatewayTest
class SlowClientTests {

	private static final Duration GENEROUS = Duration.ofSeconds(15);

	@Value("${local.server.port}")
	int port;

	@Autowired
	CircuitBreakerRegistry circuits;

	@Test
	void anIdleConnectionShouldBeClosedByTheGateway() {
		try (RawClient client = RawClient.connect(this.port)) {
			assertThat(client.awaitClose(GENEROUS)).isEmpty();
		}
	}

	@Test
	void aRequestWhoseHeadersStopHalfwayShouldBeClosed() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET /api/catalog/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appl");
			assertThat(client.awaitClose(GENEROUS)).isEmpty();
		}
	}

	@Test
	void headersDrippedAByteAtATimeShouldBeClosedAlthoughBytesKeepArriving() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("GET /api/catalog/categories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Drip: ");
			long deadline = System.nanoTime() + GENEROUS.toNanos();
			boolean closed = false;
			// a byte every 250 ms: a timeout restarted by every byte would never fire
			while (!closed && System.nanoTime() < deadline) {
				closed = !client.send("a") || client.closedWithin(Duration.ofMillis(250));
			}
			assertThat(closed).as("closed while dripping headers").isTrue();
		}
	}

	@Test
	void aBodyThatStopsHalfwayShouldBeAnsweredRequestTimeoutWithoutReachingTheServiceOrCountingAgainstIt() {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send("POST /api/cart/items HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"sku\":\"TE");
			String answer = client.awaitClose(GENEROUS);
			assertThat(answer).startsWith("HTTP/1.1 408")
				.containsIgnoringCase("content-type: application/problem+json");
		}
		assertThat(Backends.count(Backends.SESSIONS, anyRequestedFor(urlPathMatching("/api/.*")))).isZero();
		assertThat(this.circuits.circuitBreaker("session-service").getMetrics().getNumberOfFailedCalls()).isZero();
	}

}
