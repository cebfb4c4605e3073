package io.statewise.gateway.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own settings ({@code statewise.gateway.*}); routes, limits and breakers
 * are Spring Cloud Gateway and Resilience4j properties in {@code application.yml}.
 *
 * @param sessionMode where session-service keeps sessions, as it is configured there
 * ({@code STATEWISE_SESSION_STORE}): in {@code memory} mode the gateway keeps each
 * browser on one session-service instance and says when a session was lost with its
 * instance (docs/adr/0016)
 * @param allowedOrigins origins, besides the gateway's own host, allowed to send
 * state-changing requests (e.g. {@code https://store.example.com} behind a TLS proxy)
 * @param maxRequestSize the largest request body accepted
 * @param introspectionTimeout how long to wait for session-service to say who a cookie
 * belongs to
 * @param introspectionCacheTtl how long session-service's answer that a session is a
 * user's is reused for that session, which is also how long a logged-out session may
 * still be admitted (docs/adr/0015); {@code 0}: ask on every request
 * @param clientTimeouts how long a client may take to send a request body (waiting for a
 * request and its headers is bounded by Boot's {@code server.netty.idle-timeout})
 * @param introspectionLimit how many sessions the gateway asks session-service about per
 * client address, when it does not already know them
 * @param trustedProxies a regular expression matching the addresses of the proxies in
 * front of the gateway (an Ingress controller's pods) whose {@code X-Forwarded-For} is
 * believed; empty (the default): none, the client is whoever opened the connection
 * @param rateLimit how the routes' {@code RateLimit} filters share their counts between
 * gateway instances (docs/adr/0021-gateway-rate-limits-local-buckets.md)
 * @param filtersOff route filters switched off in every route, to measure what each costs
 * (the lab's E7, docs/lab.md); empty (the default) in any real deployment
 */
@ConfigurationProperties("statewise.gateway")
@Validated
public record GatewayProperties(@DefaultValue("redis") SessionMode sessionMode,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("64KB") DataSize maxRequestSize,
		@DefaultValue("2s") Duration introspectionTimeout,
		@DefaultValue("1s") @DurationMin(millis = 0) Duration introspectionCacheTtl,
		@DefaultValue @Valid ClientTimeouts clientTimeouts, @DefaultValue @Valid IntrospectionLimit introspectionLimit,
		@DefaultValue("") String trustedProxies, @DefaultValue @Valid RateLimit rateLimit,
		@DefaultValue Set<RouteFilter> filtersOff) {

	/** Whether each browser stays on one session-service instance. */
	public boolean stickySessions() {
		return this.sessionMode == SessionMode.MEMORY;
	}

	/** Whether the route filter is switched off ({@code filters-off}). */
	public boolean isOff(RouteFilter filter) {
		return this.filtersOff.contains(filter);
	}

	/** Where session-service keeps sessions. */
	public enum SessionMode {

		/** In Redis: any instance serves any browser. */
		REDIS,
		/**
		 * In each instance's heap: a browser must stay on the instance that has its
		 * session.
		 */
		MEMORY;

		/** As the {@code X-Session-Mode} header says it. */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Deadlines for a client's request (slowloris); the headers are bounded by
	 * {@code server.netty.idle-timeout}.
	 *
	 * @param bodyRead from a request's headers to the last byte of its body
	 */
	public record ClientTimeouts(@DefaultValue("10s") Duration bodyRead) {

	}

	/**
	 * A token bucket per client address for introspections of sessions the gateway has
	 * not recently seen authenticated.
	 *
	 * @param burst how many such introspections an address may cause at once
	 * @param perSecond how fast its budget refills
	 * @param knownSessionTtl how long a session once seen authenticated skips the bucket
	 * (it is still asked about whenever its reused answer is older than
	 * {@code introspection-cache-ttl})
	 */
	public record IntrospectionLimit(@DefaultValue("20") @Positive int burst,
			@DefaultValue("1") @Positive double perSecond, @DefaultValue("10m") Duration knownSessionTtl) {

	}

	/**
	 * How the routes' rate limits are counted across gateway instances.
	 *
	 * @param mode {@code approximate} (a local token bucket per key, shared through Redis
	 * in the background) or {@code exact} (one Redis script per request)
	 * @param syncInterval approximate mode: how often each instance reports its
	 * consumption to Redis and reads back the global bucket
	 * @param unavailableAfter approximate mode: without a successful report for this
	 * long, Redis counts as unavailable and requests pass unlimited (fail open)
	 */
	public record RateLimit(@DefaultValue("approximate") RateLimitMode mode,
			@DefaultValue("250ms") @DurationMin(millis = 10) Duration syncInterval,
			@DefaultValue("1s") @DurationMin(millis = 10) Duration unavailableAfter) {

	}

	/** Where a rate limit is counted. */
	public enum RateLimitMode {

		/**
		 * In each instance, reconciled with Redis every sync interval: no Redis call per
		 * request; N instances may admit up to N bursts over the limit.
		 */
		APPROXIMATE,
		/** In Redis, one script per request: exact, a round trip per request. */
		EXACT

	}

	/**
	 * Route filters that {@code filters-off} can switch off, named as in
	 * {@code application.yml} ({@code RateLimit} or {@code rate-limit} both bind).
	 */
	public enum RouteFilter {

		/** {@code RateLimit}: no bucket is asked, no {@code 429}, no quota headers. */
		RATE_LIMIT,
		/**
		 * {@code HealthCircuitBreaker}: no circuit, no time limit (the HTTP client's
		 * response timeout remains), no fallback.
		 */
		HEALTH_CIRCUIT_BREAKER

	}

}
