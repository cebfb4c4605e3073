package io.statewise.gateway.edge;

import java.net.URI;
import java.util.Set;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * State-changing requests must come from the store's own pages (CSRF protection without
 * tokens): a browser's {@code Sec-Fetch-Site} must be {@code same-origin} (or
 * {@code none}, a user's own navigation), and its {@code Origin} must name the host the
 * request was sent to, or one of {@code statewise.gateway.allowed-origins}. Requests
 * carrying neither header (curl, load tests, other servers) are not a browser acting for
 * another site and pass.
 */
@Component
class SameOriginFilter implements WebFilter, Ordered {

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private final Set<String> allowedOrigins;

	SameOriginFilter(GatewayProperties properties) {
		this.allowedOrigins = Set.copyOf(properties.allowedOrigins());
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (SAFE.contains(exchange.getRequest().getMethod()) || sameOrigin(exchange.getRequest().getHeaders())) {
			return chain.filter(exchange);
		}
		return Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "Cross-site request refused",
				"Changes are accepted only from the store's own pages."));
	}

	private boolean sameOrigin(HttpHeaders headers) {
		String site = headers.getFirst("Sec-Fetch-Site");
		if (site != null && !site.equals("same-origin") && !site.equals("none")) {
			return false;
		}
		String origin = headers.getFirst(HttpHeaders.ORIGIN);
		return origin == null || this.allowedOrigins.contains(origin)
				|| authorityOf(origin).equalsIgnoreCase(String.valueOf(headers.getFirst(HttpHeaders.HOST)));
	}

	private static String authorityOf(@Nullable String origin) {
		try {
			String authority = URI.create(String.valueOf(origin)).getRawAuthority();
			return (authority != null) ? authority : "";
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

}
