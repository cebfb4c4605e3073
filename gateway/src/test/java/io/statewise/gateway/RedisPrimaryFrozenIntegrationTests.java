package io.statewise.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisTopology;
import io.statewise.testkit.Datastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis primary freezes (SIGSTOP) under the gateway's rate limiter while one user
 * keeps asking for their orders faster than their limit allows. Protects ADR 10 and ADR 7
 * at the edge: every request is still answered — limited (429) or let through unlimited
 * while Redis does not answer, never a 5xx — and limiting resumes on the promoted replica
 * without a restart, while the old primary is still frozen. In the default (approximate)
 * mode the limiter answers from its local bucket until its view is older than
 * {@code statewise.gateway.rate-limit.unavailable-after}, then lets requests through.
 */
@GatewayTest
class RedisPrimaryFrozenIntegrationTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	MeterRegistry meters;

	RedisNode frozen;

	@AfterEach
	void thawAndAwaitTheOldPrimaryAsReplica() {
		if (this.frozen != null) {
			Datastores.embedded("thawing Redis").redisTopology().rejoinAsReplica(this.frozen);
		}
	}

	@Test
	void requestsShouldBeAnsweredAndLimitingResumeOnThePromotedReplica() {
		RedisTopology topology = Datastores.embedded("freezing the Redis primary").redisTopology();
		String session = Backends.loggedIn("frozen-" + System.nanoTime());
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
		WebTestClient client = Gateway.client(this.port);
		// one answer before the freeze: the drill measures the freeze, not a cold first
		// request
		Gateway.orders(client, session).expectStatus().isOk();
		this.frozen = topology.currentPrimary().orElseThrow();
		this.frozen.freeze();
		long frozenAt = System.nanoTime();
		Map<String, Integer> answers = new TreeMap<>();
		long lastUnlimited = 0;
		long limitedAgainSince = 0;
		long slowest = 0;
		while (System.nanoTime() - frozenAt < 40_000_000_000L
				&& (limitedAgainSince == 0 || System.nanoTime() - limitedAgainSince < 2_000_000_000L)) {
			long sent = System.nanoTime();
			EntityExchangeResult<String> response = Gateway.orders(client, session)
				.expectBody(String.class)
				.returnResult();
			slowest = Math.max(slowest, System.nanoTime() - sent);
			int status = response.getStatus().value();
			assertThat(status).as(response.getResponseBody()).isIn(200, 429);
			boolean limiterAnswered = response.getResponseHeaders().containsHeader("X-RateLimit-Remaining");
			boolean promoted = topology.currentPrimary().filter((node) -> node != this.frozen).isPresent();
			String answer = status + (limiterAnswered ? " limiter answered" : " unlimited");
			answers.merge(answer + (promoted ? " after promotion" : ""), 1, Integer::sum);
			lastUnlimited = limiterAnswered ? lastUnlimited : System.nanoTime();
			if (limiterAnswered && promoted && status == 429 && limitedAgainSince == 0) {
				limitedAgainSince = System.nanoTime();
			}
			pause(50);
		}
		Duration unlimited = Duration.ofNanos(Math.max(0, lastUnlimited - frozenAt));
		System.out
			.printf("Redis primary frozen under the gateway's rate limiter: unlimited for %d ms; slowest answer %d ms;"
					+ " answers %s%n", unlimited.toMillis(), slowest / 1_000_000, answers);
		assertThat(limitedAgainSince).as("a 429 from the limiter on the promoted replica").isNotZero();
		assertThat(lastUnlimited).as("requests let through while Redis did not answer").isNotZero();
		assertThat(unlimited).isLessThan(RedisTopology.CLIENT_FAILOVER_BOUND);
		assertThat(
				this.meters.counter("statewise.gateway.rate.limit", "route", "order-service", "outcome", "unavailable")
					.count())
			.isPositive();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
