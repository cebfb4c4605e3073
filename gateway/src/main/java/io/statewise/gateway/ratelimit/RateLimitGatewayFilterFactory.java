package io.statewise.gateway.ratelimit;

import java.net.InetSocketAddress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.gateway.edge.Identity;
import io.statewise.gateway.system.GatewayProperties;
import io.statewise.gateway.system.GatewayProperties.RouteFilter;
import io.statewise.gateway.system.SwitchedOff;
import io.statewise.support.problem.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code RateLimit} in a route: a token bucket per user when the route knows one
 * ({@code EdgeAuthentication} runs first) and per client address otherwise, with the
 * limits as Spring Cloud Gateway's {@code redis-rate-limiter.replenishRate},
 * {@code .burstCapacity} and {@code .requestedTokens} args. Counted by
 * {@link RateLimits}: by default a local bucket per instance shared through Redis in the
 * background ({@link SharedTokenBuckets}: no Redis call per request; with {@code N}
 * gateway instances at most {@code N × burst}, plus each instance's refill over one sync
 * interval, over the limit), or one Redis script per request
 * ({@code statewise.gateway.rate-limit.mode=exact}, {@link ExactRedisLimits}). Over the
 * limit: {@code 429} problem+json with {@code Retry-After} and the {@code X-RateLimit-*}
 * headers. While Redis cannot be used the limit lets requests through
 * (docs/adr/0010-gateway-rate-limits-fail-open.md), counted as
 * {@code statewise.gateway.rate.limit{route,outcome=unavailable}}. Switched off in every
 * route by {@code statewise.gateway.filters-off=rate-limit} (measurements only).
 */
@Component
class RateLimitGatewayFilterFactory extends AbstractGatewayFilterFactory<RateLimitGatewayFilterFactory.Config> {

	private final RateLimits limits;

	private final MeterRegistry meters;

	private final GatewayProperties properties;

	RateLimitGatewayFilterFactory(RateLimits limits, MeterRegistry meters, GatewayProperties properties) {
		super(Config.class);
		this.limits = limits;
		this.meters = meters;
		this.properties = properties;
	}

	@Override
	public GatewayFilter apply(Config config) {
		String route = config.getRouteId();
		if (this.properties.isOff(RouteFilter.RATE_LIMIT)) {
			return SwitchedOff.filter(RouteFilter.RATE_LIMIT, route);
		}
		// registered once: a meter lookup by name and tags per request shows in profiles
		Counter allowedCount = counter(route, "allowed");
		Counter limitedCount = counter(route, "limited");
		Counter unavailableCount = counter(route, "unavailable");
		return (exchange, chain) -> this.limits.decide(route, key(exchange), exchange).flatMap((decision) -> {
			if (decision instanceof Decision.Limited limited) {
				limitedCount.increment();
				return Mono.error(limited(limited));
			}
			if (decision instanceof Decision.Allowed allowed) {
				allowedCount.increment();
				allowed.quota().forEach(exchange.getResponse().getHeaders()::set);
			}
			else {
				unavailableCount.increment();
			}
			return chain.filter(exchange);
		});
	}

	private Counter counter(String route, String outcome) {
		return Counter.builder("statewise.gateway.rate.limit")
			.tag("route", route)
			.tag("outcome", outcome)
			.register(this.meters);
	}

	private static RuntimeException limited(Decision.Limited limited) {
		HttpHeaders headers = new HttpHeaders();
		limited.quota().forEach(headers::set);
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
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
	 * args, which it binds for both modes.
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
