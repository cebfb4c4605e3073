package io.statewise.gateway.resilience;

import java.io.IOException;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * {@code IdempotentRetry} in a route: Spring Cloud Gateway's {@code Retry}, applied only
 * to requests that may safely run twice — {@code GET}/{@code HEAD}, and, on a route whose
 * service deduplicates by {@code Idempotency-Key} ({@code keyedPosts: true}),
 * {@code POST}s that carry one — and only after a connect failure, a connection that
 * broke off before the answer (the instance died mid-request: running such a request
 * again is harmless) or a {@code 503}. Never after a timeout or another status. Backoff
 * is exponential with jitter, attempts are bounded, and the next attempt goes to an
 * instance not tried yet (see {@code UntriedInstancesFirst}). Retries are counted as
 * {@code statewise.gateway.retries{route}}.
 */
@Component
class IdempotentRetryGatewayFilterFactory
		extends AbstractGatewayFilterFactory<IdempotentRetryGatewayFilterFactory.Config> {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * Exchange attribute, present when the route's service deduplicates by
	 * {@code Idempotency-Key}: the fallback then advises repeating with the same key.
	 */
	static final String KEYED_POSTS_ATTR = IdempotentRetryGatewayFilterFactory.class.getName() + ".keyedPosts";

	/** Bounded (ADR 11): 3 attempts, 50 ms doubling to at most 500 ms, ±50 % jitter. */
	private static final int RETRIES = 2;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	private static final Duration MAX_BACKOFF = Duration.ofMillis(500);

	private static final double JITTER = 0.5;

	private final RetryGatewayFilterFactory retries;

	private final MeterRegistry meters;

	IdempotentRetryGatewayFilterFactory(RetryGatewayFilterFactory retries, MeterRegistry meters) {
		super(Config.class);
		this.retries = retries;
		this.meters = meters;
	}

	@Override
	public GatewayFilter apply(Config config) {
		RetryConfig retry = new RetryConfig().setRetries(RETRIES)
			.setStatuses(HttpStatus.SERVICE_UNAVAILABLE)
			.setSeries()
			.setExceptions(IOException.class)
			.setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST)
			.setBackoff(FIRST_BACKOFF, MAX_BACKOFF, 2, false)
			.setJitter(JITTER);
		retry.setRouteId(String.valueOf(config.getRouteId()));
		GatewayFilter retrying = this.retries.apply(retry);
		Counter counter = Counter.builder("statewise.gateway.retries")
			.description(
					"Idempotent requests sent again to another instance after a connect failure, a broken-off connection or a 503")
			.tag("route", String.valueOf(config.getRouteId()))
			.register(this.meters);
		boolean keyedPosts = config.isKeyedPosts();
		return (exchange, chain) -> {
			if (keyedPosts) {
				exchange.getAttributes().put(KEYED_POSTS_ATTR, Boolean.TRUE);
			}
			if (!retryable(exchange.getRequest(), keyedPosts)) {
				return chain.filter(exchange);
			}
			return retrying.filter(exchange, chain).doFinally((signal) -> {
				int iteration = exchange.getAttributeOrDefault(RetryGatewayFilterFactory.RETRY_ITERATION_KEY, 0);
				if (iteration > 0) {
					counter.increment(iteration);
				}
			});
		};
	}

	/**
	 * A keyed {@code POST} is safe to send twice only where the service deduplicates by
	 * the key; elsewhere (a cart write) the key is just a header, and a second attempt
	 * would apply the change twice.
	 */
	static boolean retryable(ServerHttpRequest request, boolean keyedPosts) {
		HttpMethod method = request.getMethod();
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || (keyedPosts
				&& HttpMethod.POST.equals(method) && request.getHeaders().containsHeader(IDEMPOTENCY_KEY));
	}

	/** Settings of one route's {@code IdempotentRetry}. */
	public static class Config implements HasRouteId {

		private String routeId = "";

		private boolean keyedPosts;

		@Override
		public void setRouteId(String routeId) {
			this.routeId = routeId;
		}

		@Override
		public String getRouteId() {
			return this.routeId;
		}

		/**
		 * Whether the route's service deduplicates {@code POST}s by
		 * {@code Idempotency-Key}, so that a keyed one may be retried. Off by default: a
		 * key the service ignores protects nothing.
		 */
		public boolean isKeyedPosts() {
			return this.keyedPosts;
		}

		public void setKeyedPosts(boolean keyedPosts) {
			this.keyedPosts = keyedPosts;
		}

	}

}
