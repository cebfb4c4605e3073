package io.statewise.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.statewise.support.problem.ProblemTypes;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The circuit breakers' fallbacks ({@code forward:/fallback/<service>}): problem+json
 * saying which part of the store is unavailable, why, and when to try again. Reachable
 * only as a forward from a circuit breaker; a browser asking for it directly gets
 * {@code 404}.
 */
@RestController
class FallbackController {

	private static final Map<String, String> TITLES = Map.of("inventory-service", "The catalog is unavailable",
			"session-service", "Accounts and carts are unavailable", "order-service", "Orders are unavailable");

	private final CircuitBreakerRegistry breakers;

	FallbackController(CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
	}

	@RequestMapping("/fallback/{service}")
	ResponseEntity<ProblemDetail> fallback(@PathVariable String service, ServerWebExchange exchange) {
		Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
		if (failure == null || !TITLES.containsKey(service)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		boolean keyed = exchange.getAttributeOrDefault(IdempotentRetryGatewayFilterFactory.KEYED_POSTS_ATTR, false);
		Outcome outcome = outcome(service, failure, keyed);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(outcome.status(), outcome.detail());
		problem.setTitle(TITLES.get(service));
		problem.setProperty("service", service);
		ProblemTypes.complete(problem, originalPath(exchange));
		return ResponseEntity.status(outcome.status())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, outcome.retryAfter().toSeconds())))
			.body(problem);
	}

	/** The path the client asked for, not {@code /fallback/…} it was forwarded to. */
	private static String originalPath(ServerWebExchange exchange) {
		Set<URI> original = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
		return (original != null && !original.isEmpty()) ? original.iterator().next().getRawPath()
				: exchange.getRequest().getPath().value();
	}

	private Outcome outcome(String service, Throwable failure, boolean keyed) {
		if (failure instanceof CallNotPermittedException) {
			return new Outcome(HttpStatus.SERVICE_UNAVAILABLE, "It failed repeatedly; requests are paused.",
					openWait(service));
		}
		if (failure instanceof TimeoutException) {
			// the key is worth repeating only where the service deduplicates by it
			return new Outcome(HttpStatus.GATEWAY_TIMEOUT, keyed
					? "It did not answer in time. A request with an Idempotency-Key can be repeated with the same key."
					: "It did not answer in time; a change may or may not have been made.", Duration.ofSeconds(1));
		}
		if (failure instanceof HttpStatusCodeException) {
			// the circuit breaker's statusCodes: the service itself answered 502, 503 or
			// 504
			return new Outcome(HttpStatus.SERVICE_UNAVAILABLE, "It answered that it cannot serve the request now.",
					Duration.ofSeconds(1));
		}
		if (failure instanceof IOException && !(failure instanceof ConnectException)) {
			return new Outcome(HttpStatus.BAD_GATEWAY, "It broke off its answer.", Duration.ofSeconds(1));
		}
		return new Outcome(HttpStatus.SERVICE_UNAVAILABLE, "No instance can serve the request right now.",
				Duration.ofSeconds(1));
	}

	private Duration openWait(String service) {
		long millis = this.breakers.circuitBreaker(service)
			.getCircuitBreakerConfig()
			.getWaitIntervalFunctionInOpenState()
			.apply(1);
		return Duration.ofMillis(millis);
	}

	private record Outcome(HttpStatus status, String detail, Duration retryAfter) {

	}

}
