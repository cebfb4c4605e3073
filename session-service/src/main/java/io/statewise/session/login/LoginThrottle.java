package io.statewise.session.login;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per account and per client address in Redis, in fixed windows:
 * {@code INCR} plus {@code EXPIRE} on the first failure. Past the limit, login is refused
 * with 429 until the window ends. Kept in Redis in both session modes, so every instance
 * sees the same counts. Hand-written because it counts failures that a success resets,
 * which rate-limiter libraries (Bucket4j, the gateway's token bucket) do not model.
 */
@Component
class LoginThrottle {

	private static final String PREFIX = "login:failures:";

	private final StringRedisTemplate redis;

	private final Properties properties;

	LoginThrottle(StringRedisTemplate redis, Properties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** How long the caller must wait, if either counter is over its limit. */
	Optional<Duration> blockedFor(String email, String address) {
		return blocked(accountKey(email), this.properties.perAccount())
			.or(() -> blocked(addressKey(address), this.properties.perAddress()));
	}

	private Optional<Duration> blocked(String key, int limit) {
		String count = this.redis.opsForValue().get(key);
		if (count == null || Integer.parseInt(count) < limit) {
			return Optional.empty();
		}
		Long ttl = this.redis.getExpire(key);
		return Optional.of(Duration.ofSeconds((ttl != null && ttl > 0) ? ttl : this.properties.window().toSeconds()));
	}

	void failed(String email, String address) {
		increment(accountKey(email));
		increment(addressKey(address));
	}

	/**
	 * A success clears the account's count (not the address's: one good password must not
	 * unlock a spray).
	 */
	void succeeded(String email) {
		this.redis.delete(accountKey(email));
	}

	private void increment(String key) {
		Long count = this.redis.opsForValue().increment(key);
		if (count != null && count == 1) {
			this.redis.expire(key, this.properties.window());
		}
	}

	private static String accountKey(String email) {
		return PREFIX + "account:" + email.strip().toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return PREFIX + "address:" + address;
	}

	/**
	 * @param perAccount failed logins allowed per account in one window
	 * @param perAddress failed logins allowed per client address in one window
	 * @param window how long failures are remembered
	 */
	@ConfigurationProperties("statewise.login.throttle")
	record Properties(@DefaultValue("5") int perAccount, @DefaultValue("20") int perAddress,
			@DefaultValue("15m") Duration window) {

	}

}
