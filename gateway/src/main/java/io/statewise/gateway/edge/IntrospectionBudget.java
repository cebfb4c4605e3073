package io.statewise.gateway.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * How many unknown sessions a client address may have the gateway ask session-service
 * about: a token bucket per address (an IPv6 address by its /64, which one client usually
 * holds whole), in this gateway's memory (docs/adr/0015). A session seen authenticated
 * within {@code known-session-ttl} skips the bucket, so that users already logged in
 * behind an address that floods (an office, a carrier NAT) keep working; it is still
 * asked about whenever its reused answer has expired ({@link IntrospectionCache}, whose
 * hits never reach this budget). Both maps are bounded: past {@link #MAX_ENTRIES} the
 * entries that carry nothing (full buckets, expired sessions) go, and if that is not
 * enough all of them, which errs towards asking.
 */
@Component
class IntrospectionBudget {

	static final int MAX_ENTRIES = 100_000;

	private final int burst;

	private final double perNano;

	private final long knownTtlNanos;

	private final String retryAfter;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/** Session cookie value → when it stops being known (nano time). */
	private final Map<String, Long> known = new ConcurrentHashMap<>();

	private final Counter allowed;

	private final Counter limited;

	IntrospectionBudget(GatewayProperties properties, MeterRegistry meters) {
		GatewayProperties.IntrospectionLimit limit = properties.introspectionLimit();
		this.burst = limit.burst();
		this.perNano = limit.perSecond() / Duration.ofSeconds(1).toNanos();
		this.knownTtlNanos = limit.knownSessionTtl().toNanos();
		this.retryAfter = Long.toString(Math.max(1, (long) Math.ceil(1 / limit.perSecond())));
		this.allowed = counter(meters, "allowed");
		this.limited = counter(meters, "limited");
	}

	private static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("statewise.gateway.rate.limit")
			.tag("route", "introspection")
			.tag("outcome", outcome)
			.register(meters);
	}

	/**
	 * Whether the session may be asked about; otherwise the {@code 429} to answer.
	 */
	@Nullable RuntimeException refusal(ServerHttpRequest request, String session) {
		long now = System.nanoTime();
		Long knownUntil = this.known.get(session);
		if (knownUntil != null && knownUntil - now > 0) {
			return null;
		}
		makeRoom(this.buckets, (bucket) -> bucket.full(now));
		Bucket bucket = this.buckets.computeIfAbsent(address(request), (key) -> new Bucket(now));
		if (bucket.take(now)) {
			this.allowed.increment();
			return null;
		}
		this.limited.increment();
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, this.retryAfter);
		return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
				"Too many unknown sessions from this address; try again after Retry-After seconds.")
			.headers(headers);
	}

	/** What session-service said about the session. */
	void answered(String session, boolean authenticated) {
		if (!authenticated) {
			this.known.remove(session);
			return;
		}
		long now = System.nanoTime();
		makeRoom(this.known, (until) -> until - now <= 0);
		this.known.put(session, now + this.knownTtlNanos);
	}

	private static <V> void makeRoom(Map<String, V> entries, Predicate<V> carriesNothing) {
		if (entries.size() >= MAX_ENTRIES) {
			entries.values().removeIf(carriesNothing);
			if (entries.size() >= MAX_ENTRIES) {
				entries.clear();
			}
		}
	}

	static String address(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		InetAddress address = (remote != null) ? remote.getAddress() : null;
		if (address == null) {
			return "unknown";
		}
		if (address instanceof Inet6Address) {
			return HexFormat.of().formatHex(Arrays.copyOf(address.getAddress(), 8)) + "::/64";
		}
		return address.getHostAddress();
	}

	/** A token bucket; its own lock, held for a few arithmetic operations. */
	private final class Bucket {

		private double tokens;

		private long refilled;

		Bucket(long now) {
			this.tokens = IntrospectionBudget.this.burst;
			this.refilled = now;
		}

		synchronized boolean take(long now) {
			refill(now);
			if (this.tokens < 1) {
				return false;
			}
			this.tokens -= 1;
			return true;
		}

		synchronized boolean full(long now) {
			refill(now);
			return this.tokens >= IntrospectionBudget.this.burst;
		}

		private void refill(long now) {
			long elapsed = now - this.refilled;
			if (elapsed > 0) {
				this.tokens = Math.min(IntrospectionBudget.this.burst,
						this.tokens + elapsed * IntrospectionBudget.this.perNano);
				this.refilled = now;
			}
		}

	}

}
