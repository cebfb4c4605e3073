package io.statewise.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * Counts a route's requests per key (a user, or a client address) against the route's
 * {@code redis-rate-limiter.*} limits. Two implementations, chosen by
 * {@code statewise.gateway.rate-limit.mode}: {@link SharedTokenBuckets} (approximate,
 * Redis off the request path) and {@link ExactRedisLimits} (a Redis script per request).
 */
interface RateLimits {

	/**
	 * The decision for one request on the route; never an error, and never waits for a
	 * (re)connection to Redis.
	 */
	Mono<Decision> decide(String route, String key, ServerWebExchange exchange);

}
