package io.statewise.gateway.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.statewise.support.identity.Caller;
import io.statewise.support.identity.IdentityTokens;
import io.statewise.support.problem.ProblemException;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * {@code EdgeAuthentication} in a route: the request must belong to a logged-in user
 * (else {@code 401} problem+json), whose id and roles go downstream signed, as
 * {@code X-Statewise-Identity} (the only form services believe, docs/adr/0013), and
 * plain, as {@code X-User-Id} and {@code X-User-Roles} for logs and tools.
 * {@code methods} limits it to some methods (the catalog needs a user only to change
 * stock); empty means every method. Inbound {@code X-User-*} headers are already gone
 * ({@link InboundHeadersFilter}).
 */
@Component
class EdgeAuthenticationGatewayFilterFactory
		extends AbstractGatewayFilterFactory<EdgeAuthenticationGatewayFilterFactory.Config> {

	static final String USER_ID = "X-User-Id";

	static final String USER_ROLES = "X-User-Roles";

	private final SessionIntrospection introspection;

	private final IdentityTokens tokens;

	EdgeAuthenticationGatewayFilterFactory(SessionIntrospection introspection, IdentityTokens tokens) {
		super(Config.class);
		this.introspection = introspection;
		this.tokens = tokens;
	}

	@Override
	public GatewayFilter apply(Config config) {
		return (exchange, chain) -> {
			if (!config.appliesTo(exchange.getRequest().getMethod().name())) {
				return chain.filter(exchange);
			}
			return this.introspection.identify(exchange.getRequest())
				.switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.UNAUTHORIZED, "Login required",
						"Log in to use this part of the store.")))
				.flatMap((identity) -> {
					exchange.getAttributes().put(Identity.ATTRIBUTE, identity);
					String signed = this.tokens.sign(new Caller(identity.userId(), identity.roles()));
					ServerHttpRequest request = exchange.getRequest().mutate().headers((headers) -> {
						headers.set(USER_ID, identity.userId());
						headers.set(USER_ROLES, String.join(",", identity.roles()));
						headers.set(IdentityTokens.HEADER, signed);
					}).build();
					return chain.filter(exchange.mutate().request(request).build());
				});
		};
	}

	/** Settings of one route's {@code EdgeAuthentication}. */
	public static class Config {

		private List<String> methods = new ArrayList<>();

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods.stream().map((method) -> method.trim().toUpperCase(Locale.ROOT)).toList();
		}

		boolean appliesTo(String method) {
			return this.methods.isEmpty() || this.methods.contains(method);
		}

	}

}
