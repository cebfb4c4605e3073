package io.statewise.gateway;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statewise.gateway.system.GatewayProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Edge authentication reuses session-service's "authenticated" for
 * {@code introspection-cache-ttl} (the default, 1 s, in the shared context), and nothing
 * else: a logged-out session is refused within that time and never admitted after it, a
 * forged cookie is never admitted, a failed introspection is asked again. Timing is never
 * asserted as such: what is asserted follows from the clock readings taken around the
 * requests, however slow the machine (docs/adr/0015).
 */
@GatewayTest
class EdgeAuthenticationCacheTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	GatewayProperties properties;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void stubOrders() {
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
	}

	@Test
	void requestsOfOneSessionWithinTheTtlShouldCostOneIntrospectionAndCountAsCacheHits() {
		assertThat(ttl()).as("introspection-cache-ttl in the shared context").isPositive();
		String session = Backends.loggedIn("ivy");
		double timedBefore = timedIntrospections();
		double hitsBefore = cacheGets("hit");
		long first = System.nanoTime();
		for (int i = 0; i < 3; i++) {
			assertThat(orders(session)).isEqualTo(200);
		}
		long ttls = (System.nanoTime() - first) / ttl().toNanos();
		// a session is asked about at most once per TTL: once, unless the machine stalled
		int asked = introspections(session);
		assertThat(asked).isBetween(1, 1 + (int) ttls);
		assertThat(timedIntrospections() - timedBefore).isEqualTo(asked);
		assertThat(cacheGets("hit") - hitsBefore).isEqualTo(3 - asked);
	}

	@Test
	void aLoggedOutSessionShouldBeRefusedWithinTheTtlAndNeverAdmittedAfterIt() {
		String session = Backends.loggedIn("leaving");
		assertThat(orders(session)).isEqualTo(200);
		long cachedBefore = System.nanoTime();
		Backends.loggedOut(session);

		List<Long> admitted = ordersUntilRefused(session, cachedBefore, ttl().plusSeconds(2));

		assertThat(admitted).allSatisfy((sentAfter) -> assertThat(sentAfter).isLessThan(ttl().toNanos()));
	}

	@Test
	void aForgedCookieShouldBeRefusedEveryTimeItIsSent() {
		String forged = "forged-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThat(orders(forged)).isEqualTo(401);
		}
		// an anonymous answer is not reused: each refusal is session-service's own
		assertThat(introspections(forged)).isEqualTo(3);
		assertThat(orderRequests()).isZero();
	}

	@Test
	void aFailedIntrospectionShouldNotBeReusedButAskedAgainOnTheNextRequest() {
		String session = Backends.loggedIn("patient");
		StubMapping failing = Backends.SESSIONS
			.stubFor(get(urlEqualTo("/internal/session")).withCookie("SESSION", equalTo(session))
				.atPriority(1)
				.willReturn(aResponse().withStatus(503)));
		assertThat(orders(session)).isEqualTo(503);
		Backends.SESSIONS.removeStub(failing);
		assertThat(orders(session)).isEqualTo(200);
		assertThat(introspections(session)).isEqualTo(2);
	}

	private int orders(String session) {
		return Gateway.orders(Gateway.client(this.port), session).expectBody().returnResult().getStatus().value();
	}

	/**
	 * Asks for the session's orders until refused with {@code 401}, failing after
	 * {@code atMost}; when each other answer's request was sent, in nanoseconds after
	 * {@code since}. An identity cached before {@code since} can only admit a request
	 * sent less than the TTL after it. Ten requests a second at most: within the route's
	 * per-user burst.
	 */
	private List<Long> ordersUntilRefused(String session, long since, Duration atMost) {
		List<Long> admitted = new CopyOnWriteArrayList<>();
		await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
			long sent = System.nanoTime() - since;
			boolean refused = orders(session) == 401;
			if (!refused) {
				admitted.add(sent);
			}
			return refused;
		});
		return admitted;
	}

	private Duration ttl() {
		return this.properties.introspectionCacheTtl();
	}

	private static int introspections(String session) {
		return Backends.count(Backends.SESSIONS,
				getRequestedFor(urlPathEqualTo("/internal/session")).withCookie("SESSION", equalTo(session)));
	}

	private static int orderRequests() {
		return Backends.count(Backends.ORDERS_A, getRequestedFor(urlPathEqualTo("/api/orders")))
				+ Backends.count(Backends.ORDERS_B, getRequestedFor(urlPathEqualTo("/api/orders")));
	}

	private double timedIntrospections() {
		Timer timer = this.meters.find("statewise.gateway.introspection").tag("outcome", "authenticated").timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double cacheGets(String result) {
		FunctionCounter gets = this.meters.find("cache.gets")
			.tags("cache", "introspection", "result", result)
			.functionCounter();
		return (gets != null) ? gets.count() : 0;
	}

}
