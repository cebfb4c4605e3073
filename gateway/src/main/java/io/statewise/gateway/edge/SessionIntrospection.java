package io.statewise.gateway.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;

import io.statewise.gateway.routing.SessionAffinity;
import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.problem.ProblemException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Asks session-service who a browser's session cookie belongs to
 * ({@code GET /internal/session}, load balanced over its ready instances; in session
 * {@code memory} mode the instance that holds the session, named by the browser's sticky
 * cookie, and {@code 401 Session lost} without asking when that instance is gone). A
 * request without a {@code SESSION} cookie is anonymous without asking anyone; a cookie
 * the gateway has not recently seen authenticated is asked about only within its
 * address's {@link IntrospectionBudget} ({@code 429} beyond it), so that random cookies
 * cannot make every request cost a round trip to session-service. An authenticated answer
 * is reused for {@code introspection-cache-ttl} ({@link IntrospectionCache}), read after
 * the lost-session check and before the budget: a reused answer is no introspection,
 * neither timed nor budgeted.
 */
@Component
class SessionIntrospection {

	private static final Log logger = LogFactory.getLog(SessionIntrospection.class);

	static final String SESSION_COOKIE = SessionAffinity.SESSION_COOKIE;

	private final WebClient client;

	private final Duration timeout;

	private final Timer.Builder timer;

	private final MeterRegistry meters;

	private final IntrospectionBudget budget;

	private final SessionAffinity affinity;

	private final IntrospectionCache cache;

	SessionIntrospection(WebClient.Builder builder, LoadBalancedExchangeFilterFunction loadBalancer,
			GatewayProperties properties, MeterRegistry meters, IntrospectionBudget budget, SessionAffinity affinity,
			IntrospectionCache cache) {
		// not observed as http.client.requests: the gateway's own routing observation
		// registers that name with other tags, and Prometheus would drop one of the two
		this.client = builder.baseUrl("http://session-service")
			.filter(loadBalancer)
			.observationRegistry(ObservationRegistry.NOOP)
			.build();
		this.timeout = properties.introspectionTimeout();
		this.meters = meters;
		this.budget = budget;
		this.affinity = affinity;
		this.cache = cache;
		this.timer = Timer.builder("statewise.gateway.introspection")
			.description("Edge authentication: asking session-service who a session cookie belongs to");
	}

	/** The session's user, or empty when anonymous. */
	Mono<Identity> identify(ServerHttpRequest request) {
		HttpCookie cookie = request.getCookies().getFirst(SESSION_COOKIE);
		if (cookie == null || !StringUtils.hasText(cookie.getValue())) {
			return Mono.empty();
		}
		String session = cookie.getValue();
		// the sticky cookie, if any, makes the load balancer ask the session's own
		// instance (memory mode): any other would not know the session
		String holder = this.affinity.holder(request);
		// a lost session is answered as such, whatever was reused: the cache comes after
		return this.affinity.refuseIfLost(request).then(Mono.defer(() -> {
			Identity reused = this.cache.get(session, holder);
			return (reused != null) ? Mono.just(reused) : introspect(request, session, holder);
		}));
	}

	private Mono<Identity> introspect(ServerHttpRequest request, String session, @Nullable String holder) {
		RuntimeException refusal = this.budget.refusal(request, session);
		if (refusal != null) {
			return Mono.error(refusal);
		}
		return this.client.get().uri("/internal/session").cookies((cookies) -> {
			cookies.add(SESSION_COOKIE, session);
			if (holder != null) {
				cookies.add(this.affinity.stickyCookie(), holder);
			}
		})
			.retrieve()
			.bodyToMono(Introspection.class)
			// an instance that just died: once more, which the load balancer sends
			// elsewhere
			.retryWhen(Retry.max(1).filter((failure) -> failure instanceof WebClientRequestException))
			.timeout(this.timeout)
			.onErrorMap((failure) -> unavailable(failure))
			.transform(this::timed)
			.doOnNext((answer) -> this.budget.answered(session, answer.authenticated() && answer.userId() != null))
			.filter((answer) -> answer.authenticated() && answer.userId() != null)
			// shared by the requests that reuse it: immutable
			.map((answer) -> new Identity(answer.userId(),
					(answer.roles() != null) ? List.copyOf(answer.roles()) : List.of()))
			.doOnNext((identity) -> this.cache.put(session, holder, identity));
	}

	private Mono<Introspection> timed(Mono<Introspection> call) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			return call
				.doOnSuccess((answer) -> record(sample,
						(answer != null && answer.authenticated()) ? "authenticated" : "anonymous"))
				.doOnError((failure) -> record(sample, "unavailable"));
		});
	}

	private void record(Timer.Sample sample, String outcome) {
		sample.stop(this.timer.tag("outcome", outcome).register(this.meters));
	}

	private static Throwable unavailable(Throwable failure) {
		// the cause, which the 503 does not tell the browser: a timeout, a refused
		// connection, or an answer that was not a session's
		Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
		logger.warn("Session introspection failed: " + cause);
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "1");
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Sessions cannot be checked right now",
				"Try again in a moment.")
			.headers(headers);
	}

	record Introspection(boolean authenticated, @Nullable String userId, @Nullable List<String> roles,
			@Nullable Instant expiresAt) {

	}

}
