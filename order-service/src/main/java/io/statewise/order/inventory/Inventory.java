package io.statewise.order.inventory;

import java.util.List;
import java.util.UUID;
import java.net.SocketTimeoutException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.statewise.order.inventory.ReserveOutcome.Rejected;
import io.statewise.order.inventory.ReserveOutcome.Reserved;
import io.statewise.order.inventory.ReserveOutcome.Unavailable;
import io.statewise.order.inventory.ReserveOutcome.UnknownProducts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;

/**
 * Reserve and release at inventory-service, guarded by the Resilience4j instance
 * {@code inventory} (settings in application.yml), decorated outermost first: retry (only
 * where asked for), circuit breaker, bulkhead, time limit. Every failure becomes a value
 * ({@link Unavailable}) rather than an exception: for the saga "no answer" is an expected
 * outcome that leaves the order PENDING.
 * <p>
 * The breaker can be switched off ({@link CircuitBreakerSwitch}) to measure what it buys.
 * <p>
 * The call runs on the caller's thread, so the tracing context is simply there. Its time
 * limit is the HTTP client's read timeout
 * ({@code spring.http.serviceclient.inventory.read-timeout}, which the time limiter's
 * {@code timeout-duration} names): a time limiter running the call on another thread only
 * to wait for it cost a thread hand-off per call (docs/benchmarks.md). The time limiter
 * still hears of every outcome, so its metrics count timeouts as before.
 */
@Component
public class Inventory {

	public static final String INSTANCE = "inventory";

	private static final Logger logger = LoggerFactory.getLogger(Inventory.class);

	private final InventoryClient client;

	private final JsonMapper json;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final TimeLimiter timeLimiter;

	private final Bulkhead bulkhead;

	Inventory(InventoryClient client, JsonMapper json, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
			TimeLimiterRegistry timeLimiters, BulkheadRegistry bulkheads, CircuitBreakerSwitch circuitBreakerSwitch) {
		this.client = client;
		this.json = json;
		this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
		if (!circuitBreakerSwitch.enabled()) {
			logger.warn("The inventory circuit breaker is off (statewise.inventory.circuit-breaker.enabled=false):"
					+ " every call reaches inventory-service, however it fails");
			this.circuitBreaker.transitionToDisabledState();
		}
		this.retry = retries.retry(INSTANCE);
		this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
		this.bulkhead = bulkheads.bulkhead(INSTANCE);
	}

	/**
	 * Reserves an order's lines. With {@code retry}, transport failures and timeouts are
	 * retried with exponential backoff and jitter: safe, because inventory reserves once
	 * per order id and answers repeats with the first result.
	 */
	public ReserveOutcome reserve(UUID orderId, List<Line> lines, boolean retry) {
		try {
			InventoryReservation reservation = guarded(
					() -> this.client.reserve(orderId, new InventoryReservation.Request(lines)), retry);
			return switch (reservation.status()) {
				case "RESERVED" -> new Reserved(reservation.lines());
				case "REJECTED" -> new Rejected(reservation.lines(), reservation.shortLines());
				// RELEASED: the order was given up (released) before this reserve arrived
				default -> new Unavailable("reservation is " + reservation.status());
			};
		}
		catch (HttpClientErrorException.NotFound ex) {
			List<String> unknown = unknownProducts(ex);
			return unknown.isEmpty() ? unavailable("reserve", orderId, ex) : new UnknownProducts(unknown);
		}
		catch (Exception ex) {
			return unavailable("reserve", orderId, ex);
		}
	}

	/**
	 * Gives an order's reserved units back; true once inventory acknowledged it (also
	 * when nothing was reserved: inventory then leaves a marker so a late reserve cannot
	 * take stock).
	 */
	public boolean release(UUID orderId, boolean retry) {
		try {
			guarded(() -> this.client.release(orderId), retry);
			return true;
		}
		catch (HttpClientErrorException.Conflict ex) {
			// committed (fulfilled) at inventory: nothing left to give back
			logger.warn("Release of order {} refused by inventory: {}", orderId, ex.getResponseBodyAsString());
			return true;
		}
		catch (Exception ex) {
			unavailable("release", orderId, ex);
			return false;
		}
	}

	/**
	 * Whether the circuit refuses calls now. It moves to half-open on its own after the
	 * configured wait, so a caller that skips work while this is true is not what keeps
	 * it open.
	 */
	public boolean refusesCalls() {
		CircuitBreaker.State state = this.circuitBreaker.getState();
		return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
	}

	private <T> T guarded(Callable<T> call, boolean retry) throws Exception {
		Callable<T> guarded = CircuitBreaker.decorateCallable(this.circuitBreaker,
				Bulkhead.decorateCallable(this.bulkhead, () -> timed(call)));
		return retry ? Retry.decorateCallable(this.retry, guarded).call() : guarded.call();
	}

	/**
	 * The call, ended by the read timeout; a timeout is reported as the time limiter's
	 * {@link TimeoutException}, as the retry and the circuit breaker knew it.
	 */
	private <T> T timed(Callable<T> call) throws Exception {
		try {
			T result = call.call();
			this.timeLimiter.onSuccess();
			return result;
		}
		catch (Exception ex) {
			boolean timedOut = ex instanceof ResourceAccessException && ex.getCause() instanceof SocketTimeoutException;
			Exception failure = timedOut ? TimeLimiter.createdTimeoutExceptionWithName(INSTANCE, ex) : ex;
			this.timeLimiter.onError(failure);
			throw failure;
		}
	}

	private List<String> unknownProducts(HttpClientErrorException ex) {
		try {
			return this.json.readTree(ex.getResponseBodyAsString())
				.path("unknownProducts")
				.valueStream()
				.map(JsonNode::asString)
				.toList();
		}
		catch (RuntimeException notJson) {
			return List.of();
		}
	}

	private static Unavailable unavailable(String operation, UUID orderId, Exception ex) {
		String cause = (ex instanceof CallNotPermittedException) ? "circuit open"
				: (ex instanceof TimeoutException) ? "timed out" : (ex instanceof BulkheadFullException)
						? "too many concurrent calls" : ex.getClass().getSimpleName() + ": " + ex.getMessage();
		logger.debug("{} of order {} got no answer from inventory-service: {}", operation, orderId, cause);
		return new Unavailable(cause);
	}

}
