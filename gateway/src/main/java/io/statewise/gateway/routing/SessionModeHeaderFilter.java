package io.statewise.gateway.routing;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@code X-Session-Mode: redis|memory} on every answer to {@code /api/**}, errors
 * included, so that a client (the store's status strip) can explain what a lost instance
 * means for its session.
 */
@Component
class SessionModeHeaderFilter implements WebFilter, Ordered {

	static final String SESSION_MODE = "X-Session-Mode";

	private final String mode;

	SessionModeHeaderFilter(SessionAffinity affinity) {
		this.mode = affinity.mode().value();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (path.equals("/api") || path.startsWith("/api/")) {
			exchange.getResponse().beforeCommit(() -> {
				exchange.getResponse().getHeaders().set(SESSION_MODE, this.mode);
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
