package io.statewise.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * On session-service's route, before its rate limit, circuit breaker and retries: a
 * request whose session was lost with its instance ({@link SessionAffinity}) is answered
 * {@code 401 Session lost} and goes nowhere. Routes with edge authentication make the
 * same check before asking session-service who the session belongs to.
 */
@Component
class LostSessionFilter implements GlobalFilter, Ordered {

	private final SessionAffinity affinity;

	LostSessionFilter(SessionAffinity affinity) {
		this.affinity = affinity;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!GatewayInstances.toSessionService(exchange)) {
			return chain.filter(exchange);
		}
		return this.affinity.refuseIfLost(exchange.getRequest()).then(chain.filter(exchange));
	}

	/** Before the route's own filters, which are ordered 1, 2, 3, ... */
	@Override
	public int getOrder() {
		return 0;
	}

}
