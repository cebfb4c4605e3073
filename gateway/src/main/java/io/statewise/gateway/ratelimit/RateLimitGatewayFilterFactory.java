package io.statewise.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.gateway.edge.Identity;
import io.statewise.support.problem.ProblemException;
import io.statewise.support.redis.RedisPrimaryWatchdog;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code RateLimit} in a route: Spring Cloud Gateway's Redis token bucket
 * ({@code redis-rate-limiter.replenishRate}, {@code .burstCapacity},
 * {@code .requestedTokens} as the route's args), keyed by the user when the route knows
 * one ({@code EdgeAuthentication} runs first) and by the client address otherwise. Over
 * the limit: {@code 429} problem+json with {@code Retry-After} and the
 * {@code X-RateLimit-*} headers. While Redis cannot be reached the limiter lets requests
 * through (docs/adr/0010-gateway-rate-limits-fail-open.md), counted as
 * {@code statewise.gateway.rate.limit{route,outcome=unavailable}}.
 */
@Component
class RateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

	private static final String ALLOWED = "allowed";

	private static final String LIMITED = "limited";

	private static final String UNAVAILABLE = "unavailable";

	private final RedisRateLimiter limiter;

	private final MeterRegistry meters;

	private final BooleanSupplier redisReady;

	RateLimitGatewayFilterFactory(RedisRateLimiter limiter, MeterRegistry meters,
			ObjectProvider<RedisPrimaryWatchdog> watchdog) {
		super(Config.class);
		this.limiter = limiter;
		this.meters = meters;
		RedisPrimaryWatchdog ready = watchdog.getIfAvailable();
		this.redisReady = (ready != null) ? ready::connectionReady : () -> true;
	}

	@Override
	public GatewayFilter apply(Config config) {
		String route = config.getRouteId();
		// registered once: a meter lookup by name and tags per request shows in profiles
		Map<String, Counter> decisions = Stream.of(ALLOWED, LIMITED, UNAVAILABLE)
			.collect(Collectors.toMap(Function.identity(),
					(outcome) -> Counter.builder("statewise.gateway.rate.limit")
						.tag("route", route)
						.tag("outcome", outcome)
						.register(this.meters)));
		return (exchange, chain) -> decide(route, exchange).flatMap((decision) -> {
			Map<String, String> quota = decision.getHeaders();
			String outcome = outcome(decision);
			decisions.get(outcome).increment();
			if (!decision.isAllowed()) {
				return Mono.error(limited(route, quota));
			}
			if (!outcome.equals(UNAVAILABLE)) {
				quota.forEach(exchange.getResponse().getHeaders()::set);
			}
			return chain.filter(exchange);
		});
	}

	/**
	 * The limiter's decision, continued on the event loop it was asked from (Lettuce
	 * answers on its own, {@link CurrentEventLoop}). While the watchdog is reconnecting,
	 * Redis is not asked at all. Otherwise the call is still subscribed to off the event
	 * loop: Spring Data Redis takes a lock on every {@code getReactiveConnection()},
	 * which the watchdog holds while it connects (up to the connect timeout against a
	 * frozen primary), and in CI a request on an event loop still met that lock once
	 * during a failover although the limiter skipped Redis while not ready
	 * (docs/adr/0010).
	 */
	private Mono<RateLimiter.Response> decide(String route, ServerWebExchange exchange) {
		if (!this.redisReady.getAsBoolean()) {
			return Mono.just(new RateLimiter.Response(true, Map.of(this.limiter.getRemainingHeader(), "-1")));
		}
		Scheduler requestLoop = CurrentEventLoop.scheduler();
		return this.limiter.isAllowed(route, key(exchange))
			.subscribeOn(Schedulers.boundedElastic())
			.publishOn(requestLoop);
	}

	private String outcome(RateLimiter.Response decision) {
		if (!decision.isAllowed()) {
			return LIMITED;
		}
		// RedisRateLimiter answers "allowed, -1 remaining" when Redis failed
		return "-1".equals(decision.getHeaders().get(this.limiter.getRemainingHeader())) ? UNAVAILABLE : ALLOWED;
	}

	private RuntimeException limited(String route, Map<String, String> quota) {
		HttpHeaders headers = new HttpHeaders();
		quota.forEach(headers::set);
		RedisRateLimiter.Config limits = this.limiter.getConfig().get(route);
		long seconds = 1;
		if (limits != null && limits.getReplenishRate() > 0) {
			seconds = Math.max(1,
					(limits.getRequestedTokens() + limits.getReplenishRate() - 1) / limits.getReplenishRate());
		}
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
				"Slow down and try again after Retry-After seconds.")
			.headers(headers);
	}

	static String key(ServerWebExchange exchange) {
		Identity identity = exchange.getAttribute(Identity.ATTRIBUTE);
		if (identity != null) {
			return "user:" + identity.userId();
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return "address:"
				+ ((remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown");
	}

	/**
	 * Settings of one route's {@code RateLimit}; the limits are RedisRateLimiter's own
	 * args.
	 */
	public static class Config implements HasRouteId {

		private String routeId = "";

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

		@Override
		public String getRouteId() {
			return this.routeId;
		}

	}

}
