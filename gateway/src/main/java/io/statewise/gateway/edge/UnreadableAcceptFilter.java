package io.statewise.gateway.edge;

import java.util.List;

import io.statewise.support.problem.ProblemTypes;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * An {@code Accept} header that cannot be parsed ({@code *}{@code /*;q=abc}) is treated
 * as absent: with it, no media type can be negotiated for a problem, and the gateway's
 * own refusals ({@code 401}, {@code 403}, {@code 429}) would go out without a body. The
 * backends are spared it too.
 */
@Component
class UnreadableAcceptFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> accept = exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT);
		if (accept == null || ProblemTypes.readable(accept)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.remove(HttpHeaders.ACCEPT))
			.build();
		return chain.filter(exchange.mutate().request(request).build());
	}

	@Override
	public int getOrder() {
		// before every filter that may refuse the request
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
