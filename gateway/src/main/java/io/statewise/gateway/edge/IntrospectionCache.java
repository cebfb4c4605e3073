package io.statewise.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.statewise.gateway.system.GatewayProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Who session-service last said a session belongs to, for
 * {@code statewise.gateway.introspection-cache-ttl} (1 s) after it said so; off at
 * {@code 0}. Only authenticated answers are kept: an anonymous one is a refusal either
 * way, and kept it would let random cookies take the room of real sessions; a failure
 * keeps its {@code 503} and is asked again. A session logged out or expired therefore
 * keeps working through this gateway for at most the TTL after the last "authenticated"
 * session-service gave about it (docs/adr/0015).
 * <p>
 * Keyed by a SHA-256 of the cookie value, so the heap holds no session cookie that could
 * be replayed, and of the instance that holds the session in {@code memory} mode: the
 * answer is reused only for the question it answered. Bounded by {@link #MAX_ENTRIES}
 * (Caffeine then evicts what it judges least used; an eviction costs an introspection).
 * Hits and misses: {@code cache.gets{cache="introspection"}}.
 */
@Component
class IntrospectionCache {

	static final int MAX_ENTRIES = 10_000;

	private final @Nullable Cache<String, Identity> identities;

	IntrospectionCache(GatewayProperties properties, MeterRegistry meters) {
		Duration ttl = properties.introspectionCacheTtl();
		this.identities = ttl.isZero() ? null : identities(ttl, meters);
	}

	private static Cache<String, Identity> identities(Duration ttl, MeterRegistry meters) {
		Cache<String, Identity> identities = Caffeine.newBuilder()
			.expireAfterWrite(ttl)
			.maximumSize(MAX_ENTRIES)
			.recordStats()
			.build();
		return CaffeineCacheMetrics.monitor(meters, identities, "introspection");
	}

	/** The identity still valid for the session at this holder, or {@code null}. */
	@Nullable Identity get(String session, @Nullable String holder) {
		return (this.identities != null) ? this.identities.getIfPresent(key(session, holder)) : null;
	}

	/** Session-service just said that the session at this holder is this user's. */
	void put(String session, @Nullable String holder, Identity identity) {
		if (this.identities != null) {
			this.identities.put(key(session, holder), identity);
		}
	}

	private static String key(String session, @Nullable String holder) {
		MessageDigest sha256 = sha256();
		sha256.update(session.getBytes(StandardCharsets.UTF_8));
		if (holder != null) {
			// no cookie value holds a NUL: "session + holder" cannot pass for another
			// session
			sha256.update((byte) 0);
			sha256.update(holder.getBytes(StandardCharsets.UTF_8));
		}
		return Base64.getEncoder().withoutPadding().encodeToString(sha256.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
