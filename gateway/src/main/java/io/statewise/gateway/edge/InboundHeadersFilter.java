package io.statewise.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Identity enters only through the gateway: every inbound {@code X-User-*} and
 * {@code X-Statewise-*} header (a signed identity, a deadline) is dropped before anything
 * else sees the request, and so are client-supplied
 * {@code Forwarded}/{@code X-Forwarded-*} headers; {@code X-Forwarded-For} is set to the
 * address the connection came from (session-service throttles logins per address).
 */
@Component
class InboundHeadersFilter implements WebFilter, Ordered {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		List<String> untrusted = request.getHeaders()
			.headerNames()
			.stream()
			.filter(InboundHeadersFilter::untrusted)
			.toList();
		if (untrusted.isEmpty()) {
			return chain.filter(exchange);
		}
		ServerHttpRequest cleaned = request.mutate().headers((headers) -> untrusted.forEach(headers::remove)).build();
		return chain.filter(exchange.mutate().request(cleaned).build());
	}

	/**
	 * Runs last among the gateway's header filters on the way to a backend (Spring's own
	 * {@code XForwardedHeadersFilter} drops {@code X-Forwarded-*} unless proxies are
	 * trusted, which costs CPU on every request).
	 */
	@Bean
	static HttpHeadersFilter clientAddressHeaderFilter() {
		return new ClientAddress();
	}

	private static boolean untrusted(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith("x-user-") || lower.startsWith("x-statewise-") || lower.startsWith("x-forwarded-")
				|| lower.equals("forwarded");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 30;
	}

	/** Sets {@code X-Forwarded-For} to the address the connection came from. */
	private static final class ClientAddress implements HttpHeadersFilter, Ordered {

		@Override
		public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return input;
			}
			HttpHeaders headers = new HttpHeaders();
			headers.putAll(input);
			headers.set(FORWARDED_FOR, remote.getAddress().getHostAddress());
			return headers;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
