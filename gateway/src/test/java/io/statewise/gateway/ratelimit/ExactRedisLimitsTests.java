package io.statewise.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact mode against the real (embedded) Redis with three limiter instances sharing
 * it: together they admit the burst and what refilled while they asked, no more (Spring
 * Cloud Gateway's script refills per whole second).
 */
class ExactRedisLimitsTests {

	static final int PER_SECOND = 1;

	static final int BURST = 10;

	private final Limiters limiters = new Limiters(PER_SECOND, BURST);

	@AfterEach
	void close() {
		this.limiters.close();
	}

	@Test
	void instancesTogetherShouldAdmitExactlyTheBurstPlusWhatRefilled() {
		List<ExactRedisLimits> gateways = IntStream.range(0, 3)
			.mapToObj((i) -> this.limiters.exact(this.limiters.sharedRedis(), () -> true))
			.toList();
		String key = "user:" + System.nanoTime();
		long start = System.nanoTime();
		long admitted = IntStream.range(0, 30)
			.mapToObj((i) -> decide(gateways.get(i % 3), key))
			.filter(Decision.Allowed.class::isInstance)
			.count();
		double seconds = (System.nanoTime() - start) / 1e9;

		assertThat(admitted).isGreaterThanOrEqualTo(BURST)
			.isLessThanOrEqualTo(BURST + PER_SECOND * ((long) Math.ceil(seconds) + 1));
		assertThat(decide(gateways.get(0), key)).isInstanceOf(Decision.Limited.class);
	}

	private static Decision decide(ExactRedisLimits gateway, String key) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));
		return gateway.decide(Limiters.ROUTE, key, exchange).block(Duration.ofSeconds(5));
	}

}
