package io.statewise.gateway.ratelimit;

import java.util.Map;

/**
 * What a rate limit says about one request; the route's filter turns it into headers, a
 * {@code 429} and the {@code statewise.gateway.rate.limit{outcome}} count.
 */
sealed interface Decision {

	/** The request may pass; {@code quota}: the {@code X-RateLimit-*} headers. */
	record Allowed(Map<String, String> quota) implements Decision {
	}

	/**
	 * Over the limit: refused with {@code Retry-After: retryAfterSeconds} (at least 1)
	 * and the {@code X-RateLimit-*} headers.
	 */
	record Limited(Map<String, String> quota, long retryAfterSeconds) implements Decision {
	}

	/** Redis cannot be used: the request passes unlimited (fail open, ADR 10). */
	record Unavailable() implements Decision {
	}

	/** The one {@link Unavailable}: it carries nothing. */
	Decision UNAVAILABLE = new Unavailable();

}
