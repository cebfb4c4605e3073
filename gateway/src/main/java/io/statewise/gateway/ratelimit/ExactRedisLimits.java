package io.statewise.gateway.ratelimit;

import java.util.Map;
import java.util.function.BooleanSupplier;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The exact mode ({@code statewise.gateway.rate-limit.mode=exact}): Spring Cloud
 * Gateway's {@link RedisRateLimiter}, one token-bucket script in Redis per request, so
 * all instances share one exact count, at the price of a Redis round trip per request.
 * <p>
 * No request thread waits for a (re)connection: the limiter's template runs on an
 * {@link EstablishedReactiveConnection} (no factory lock per command), and while the
 * watchdog is reconnecting Redis is not asked at all. Lettuce answers on its own event
 * loop; the decision is published back on the request's ({@link RequestEventLoop}). When
 * the script fails (Redis down, the command timeout against a frozen primary), the
 * request passes unlimited (docs/adr/0010).
 */
final class ExactRedisLimits implements RateLimits {

	private final RedisRateLimiter limiter;

	private final BooleanSupplier redisReady;

	ExactRedisLimits(RedisRateLimiter limiter, BooleanSupplier redisReady) {
		this.limiter = limiter;
		this.redisReady = redisReady;
	}

	@Override
	public Mono<Decision> decide(String route, String key, ServerWebExchange exchange) {
		if (!this.redisReady.getAsBoolean()) {
			return Mono.just(Decision.UNAVAILABLE);
		}
		return this.limiter.isAllowed(route, key)
			.map((response) -> decision(route, response))
			.publishOn(RequestEventLoop.of(exchange));
	}

	private Decision decision(String route, RateLimiter.Response response) {
		Map<String, String> quota = response.getHeaders();
		if (!response.isAllowed()) {
			return new Decision.Limited(quota, retryAfter(route));
		}
		// RedisRateLimiter answers "allowed, -1 remaining" when the script failed
		return "-1".equals(quota.get(this.limiter.getRemainingHeader())) ? Decision.UNAVAILABLE
				: new Decision.Allowed(quota);
	}

	/** The seconds needed to refill the requested tokens, at least 1. */
	private long retryAfter(String route) {
		RedisRateLimiter.Config limits = this.limiter.getConfig().get(route);
		if (limits == null || limits.getReplenishRate() <= 0) {
			return 1;
		}
		return Math.max(1, (limits.getRequestedTokens() + limits.getReplenishRate() - 1) / limits.getReplenishRate());
	}

}
