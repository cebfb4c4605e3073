package io.statewise.gateway.resilience;

import java.util.Set;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.gateway.system.GatewayProperties.RouteFilter;
import io.statewise.gateway.system.SwitchedOff;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerResilience4JFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code HealthCircuitBreaker} in a route: Spring Cloud Gateway's {@code CircuitBreaker}
 * (same arguments but {@code statusCodes}, which count every such status alike; the stock
 * filter is switched off so that no route uses it by mistake), except that a circuit
 * counts only what says the service is unhealthy, never what one client can provoke (ADR
 * 11). Counted: a connect failure, a connection broken off, the time limit, and a
 * {@code 502}/{@code 503}/ {@code 504} that is not the service's own problem+json (an
 * instance dying under its container, a proxy in between). Not counted: any answer the
 * service composed itself, whatever its status. A {@code 503} problem is a live
 * instance's considered answer about this request, and a client can provoke one (a NUL in
 * a login's email once did); the instance's readiness, not the circuit, takes it out of
 * rotation when it cannot serve. "No ready instance" is not counted either
 * (configuration: {@code ignore-exceptions}): it is already answered at once, and
 * counting it would keep the circuit open after readiness has brought an instance back.
 * Switched off in every route, time limit and fallback included, by
 * {@code statewise.gateway.filters-off=health-circuit-breaker} (measurements only).
 */
@Component
class HealthCircuitBreakerGatewayFilterFactory extends SpringCloudCircuitBreakerResilience4JFilterFactory {

	static final String FILTER_NAME = "HealthCircuitBreaker";

	private static final Set<Integer> UNAVAILABLE = Set.of(HttpStatus.BAD_GATEWAY.value(),
			HttpStatus.SERVICE_UNAVAILABLE.value(), HttpStatus.GATEWAY_TIMEOUT.value());

	private final GatewayProperties properties;

	HealthCircuitBreakerGatewayFilterFactory(ReactiveResilience4JCircuitBreakerFactory breakers,
			ObjectProvider<DispatcherHandler> dispatcher, GatewayProperties properties) {
		super(breakers, dispatcher);
		this.properties = properties;
	}

	@Override
	public String name() {
		return FILTER_NAME;
	}

	@Override
	public GatewayFilter apply(Config config) {
		if (!config.getStatusCodes().isEmpty()) {
			throw new IllegalArgumentException(FILTER_NAME + " " + config.getId()
					+ ": statusCodes are not used; the circuit counts answers that say the service is unhealthy (ADR 11)");
		}
		if (this.properties.isOff(RouteFilter.HEALTH_CIRCUIT_BREAKER)) {
			return SwitchedOff.filter(RouteFilter.HEALTH_CIRCUIT_BREAKER, config.getRouteId());
		}
		GatewayFilter breaker = super.apply(config);
		return (exchange, chain) -> breaker.filter(exchange,
				(routed) -> chain.filter(routed).then(Mono.defer(() -> verdict(routed))));
	}

	private Mono<Void> verdict(ServerWebExchange exchange) {
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		if (status != null && unhealthy(status, exchange.getResponse().getHeaders())) {
			// the fallback answers for it, as for any failure the circuit counts
			return Mono.error(new CircuitBreakerStatusCodeException(status));
		}
		return Mono.empty();
	}

	static boolean unhealthy(HttpStatusCode status, HttpHeaders headers) {
		return UNAVAILABLE.contains(status.value()) && !isProblem(headers);
	}

	private static boolean isProblem(HttpHeaders headers) {
		try {
			MediaType type = headers.getContentType();
			return type != null && MediaType.APPLICATION_PROBLEM_JSON.equalsTypeAndSubtype(type);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
