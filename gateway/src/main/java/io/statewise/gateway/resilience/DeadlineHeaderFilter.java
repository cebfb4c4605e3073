package io.statewise.gateway.resilience;

import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the backend when this gateway stops waiting: {@value #HEADER} is the epoch
 * millisecond at which the route's time limit (its Resilience4j time limiter, the same
 * one that answers {@code 504}) runs out, fixed once per request so that a retry on
 * another instance carries the same deadline. session-service refuses session writes
 * after it (docs/adr/0012): a request that sat in a frozen instance cannot land a change
 * after the client was told it failed and moved on. Absolute rather than a relative
 * timeout, because the time a request waits before the backend reads it (a frozen
 * process, a kernel backlog) must count. Any value a client sent is replaced.
 */
@Component
class DeadlineHeaderFilter implements HttpHeadersFilter, Ordered {

	static final String HEADER = "X-Statewise-Deadline";

	private static final String DEADLINE_ATTRIBUTE = DeadlineHeaderFilter.class.getName() + ".deadline";

	private final TimeLimiterRegistry timeLimiters;

	DeadlineHeaderFilter(TimeLimiterRegistry timeLimiters) {
		this.timeLimiters = timeLimiters;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null) {
			return input;
		}
		Object deadline = exchange.getAttributes().computeIfAbsent(DEADLINE_ATTRIBUTE, (name) -> deadline(route));
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		headers.set(HEADER, deadline.toString());
		return headers;
	}

	private long deadline(Route route) {
		return System.currentTimeMillis()
				+ this.timeLimiters.timeLimiter(route.getId()).getTimeLimiterConfig().getTimeoutDuration().toMillis();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 1;
	}

}
