package io.statewise.session.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Slows password guessing without letting a stranger lock an owner out (docs/adr/0014).
 * Each login attempt is reserved in one Redis script <em>before</em> the password is
 * checked: the script refuses it if its client address or its account is waiting, and
 * otherwise counts it and sets every expiry, so parallel guesses cannot all slip past a
 * check, and no key is ever left without a TTL.
 * <ul>
 * <li>Per address: at most {@code perAddress} failures in a fixed {@code window}, across
 * all accounts (a sprayer). Attempts in flight count against it too, so a parallel burst
 * cannot overshoot; when only they fill it the answer is "retry in a second", so a crowd
 * behind one NAT logging in at once is slowed, not shut out for the window.</li>
 * <li>Per account: {@code freeFailures} attempts, then each further attempt must wait
 * {@code firstDelay}, doubling per attempt up to {@code maxDelay} (a guesser). The count
 * is forgotten {@code memory} after the last attempt, or on a success.</li>
 * <li>The account's count is kept apart per <em>known</em> address (one that logged in to
 * the account within {@code knownFor}); every other address shares one count. So
 * strangers delay only strangers, never the owner at home.</li>
 * </ul>
 * The account's count takes the attempt at once and keeps it if the password is wrong; a
 * success clears it, and a password that could not be checked (accounts unreachable)
 * gives the attempt back. Keys carry a hash of the email, never the email: fixed length,
 * nothing personal in Redis, and no email can spell another account's key.
 */
@Component
class LoginThrottle {

	/**
	 * KEYS: 1 the address's failures, 2 its attempts in flight, 3 known-address marker,
	 * 4-5 the count and wait shared by unknown addresses, 6-7 this address's own (used
	 * when it is known). ARGV: per address, window, free failures, first delay, max
	 * delay, memory, in-flight expiry (ms). Answers {1, pool} (allowed; pool 4 or 6) or
	 * {0, ms to wait}.
	 */
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> RESERVE = RedisScript.of("""
			local failed = tonumber(redis.call('GET', KEYS[1]) or '0')
			local limit = tonumber(ARGV[1])
			if failed >= limit then
			  local left = redis.call('PTTL', KEYS[1])
			  if left < 0 then
			    redis.call('PEXPIRE', KEYS[1], ARGV[2])
			    left = tonumber(ARGV[2])
			  end
			  return {0, left}
			end
			if failed + tonumber(redis.call('GET', KEYS[2]) or '0') >= limit then return {0, 1000} end
			local pool = 4
			if redis.call('EXISTS', KEYS[3]) == 1 then pool = 6 end
			local failures, wait = KEYS[pool], KEYS[pool + 1]
			local left = redis.call('PTTL', wait)
			if left > 0 then return {0, left} end
			redis.call('INCR', KEYS[2])
			redis.call('PEXPIRE', KEYS[2], ARGV[7])
			local n = redis.call('INCR', failures)
			redis.call('PEXPIRE', failures, ARGV[6])
			local free = tonumber(ARGV[3])
			if n >= free then
			  local delay = math.min(tonumber(ARGV[4]) * 2 ^ (n - free), tonumber(ARGV[5]))
			  redis.call('SET', wait, '1', 'PX', math.floor(delay))
			end
			return {1, pool}
			""", List.class);

	/** Lets an attempt leave the address's in-flight count; KEYS[1] is that count. */
	private static final String LANDED = """
			if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
			""";

	/**
	 * KEYS: 1 in flight, 2 the address's failures. ARGV: window (ms). The account's count
	 * already holds the attempt; the address's starts its fixed window with its first.
	 */
	private static final RedisScript<Long> FAIL = RedisScript.of(LANDED + """
			redis.call('INCR', KEYS[2])
			if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
			return 1
			""", Long.class);

	/**
	 * KEYS: 1 in flight, 2 pool failures, 3 pool wait, 4 known-address marker. ARGV:
	 * known for (ms). The pool the attempt was counted in is cleared, and the address is
	 * known to the account from now on.
	 */
	private static final RedisScript<Long> SUCCEED = RedisScript.of(LANDED + """
			redis.call('DEL', KEYS[2], KEYS[3])
			redis.call('SET', KEYS[4], '1', 'PX', ARGV[1])
			return 1
			""", Long.class);

	/**
	 * KEYS: 1 in flight, 2 pool failures, 3 pool wait. ARGV: free failures. Gives the
	 * attempt back (never below zero, never creating a key); the wait goes when the count
	 * falls below the free failures.
	 */
	private static final RedisScript<Long> RELEASE = RedisScript.of(LANDED + """
			local n = tonumber(redis.call('GET', KEYS[2]) or '0')
			if n > 0 then n = redis.call('DECR', KEYS[2]) end
			if n < tonumber(ARGV[1]) then redis.call('DEL', KEYS[3]) end
			return n
			""", Long.class);

	private static final int SHARED_POOL = 4;

	/**
	 * Longer than any login request takes; only an instance that dies mid-request leaves
	 * an attempt in flight, and only until then.
	 */
	private static final Duration IN_FLIGHT_FOR = Duration.ofMinutes(1);

	private final StringRedisTemplate redis;

	private final Properties properties;

	LoginThrottle(StringRedisTemplate redis, Properties properties) {
		this.redis = redis;
		this.properties = properties;
	}

	/** Counts an attempt if neither its address nor its account must wait. */
	Attempt reserve(String email, String address) {
		Keys keys = new Keys(email, address);
		List<?> answer = this.redis.execute(RESERVE,
				List.of(keys.addressFailures(), keys.inFlight(), keys.known(), keys.sharedFailures(), keys.sharedWait(),
						keys.ownFailures(), keys.ownWait()),
				String.valueOf(this.properties.perAddress()), millis(this.properties.window()),
				String.valueOf(this.properties.freeFailures()), millis(this.properties.firstDelay()),
				millis(this.properties.maxDelay()), millis(this.properties.memory()), millis(IN_FLIGHT_FOR));
		if (answer == null || answer.size() != 2) {
			throw new IllegalStateException("login throttle script answered " + answer);
		}
		long value = ((Number) answer.get(1)).longValue();
		if (((Number) answer.get(0)).longValue() == 0) {
			return new Attempt.Blocked(Duration.ofMillis(value));
		}
		return (value == SHARED_POOL) ? new Attempt.Allowed(keys, keys.sharedFailures(), keys.sharedWait())
				: new Attempt.Allowed(keys, keys.ownFailures(), keys.ownWait());
	}

	/**
	 * A wrong password: the account's count keeps the attempt, the address's gains it.
	 */
	void failed(Attempt.Allowed attempt) {
		Keys keys = attempt.keys();
		this.redis.execute(FAIL, List.of(keys.inFlight(), keys.addressFailures()), millis(this.properties.window()));
	}

	/** The password was right: no failure, and the address is known. */
	void succeeded(Attempt.Allowed attempt) {
		Keys keys = attempt.keys();
		this.redis.execute(SUCCEED, List.of(keys.inFlight(), attempt.failuresKey(), attempt.waitKey(), keys.known()),
				millis(this.properties.knownFor()));
	}

	/** The password could not be checked (accounts unreachable): not the user's fault. */
	void released(Attempt.Allowed attempt) {
		this.redis.execute(RELEASE, List.of(attempt.keys().inFlight(), attempt.failuresKey(), attempt.waitKey()),
				String.valueOf(this.properties.freeFailures()));
	}

	private static String millis(Duration duration) {
		return String.valueOf(duration.toMillis());
	}

	/** What the throttle says about one login attempt. */
	sealed interface Attempt {

		/**
		 * Counted; the password may be checked. {@code failuresKey} and {@code waitKey}
		 * are the pool it was counted in: its known address's own, or the shared one.
		 */
		record Allowed(Keys keys, String failuresKey, String waitKey) implements Attempt {

		}

		/** Refused without counting; try again after {@code retryAfter}. */
		record Blocked(Duration retryAfter) implements Attempt {

			/** At least one second: {@code Retry-After} has no smaller unit. */
			long retryAfterSeconds() {
				return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
			}

		}

	}

	/**
	 * The Redis keys of one attempt; the address comes last so no value spells another.
	 */
	record Keys(String addressFailures, String inFlight, String known, String sharedFailures, String sharedWait,
			String ownFailures, String ownWait) {

		Keys(String email, String address) {
			this("login:address:failures:" + address, "login:address:in-flight:" + address,
					account(email) + "known:" + address, account(email) + "failures", account(email) + "wait",
					account(email) + "own-failures:" + address, account(email) + "own-wait:" + address);
		}

		private static String account(String email) {
			return "login:account:" + sha256(email.strip().toLowerCase(Locale.ROOT)) + ":";
		}

		private static String sha256(String text) {
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("every JVM has SHA-256", ex);
			}
		}

	}

	/**
	 * @param perAddress failed logins allowed per client address in one window
	 * @param window how long an address's failures are remembered (fixed window)
	 * @param freeFailures failed logins per account before any delay
	 * @param firstDelay the wait after the free failures, doubled by each further one
	 * @param maxDelay the longest wait between two attempts at one account
	 * @param memory how long an account's failures are remembered after the last one
	 * @param knownFor how long an address stays known to an account after logging in
	 */
	@ConfigurationProperties("statewise.login.throttle")
	@Validated
	record Properties(@DefaultValue("20") @Min(1) int perAddress, @DefaultValue("15m") Duration window,
			@DefaultValue("5") @Min(1) int freeFailures, @DefaultValue("30s") Duration firstDelay,
			@DefaultValue("15m") Duration maxDelay, @DefaultValue("24h") Duration memory,
			@DefaultValue("30d") Duration knownFor) {

		Properties {
			if (firstDelay.toMillis() < 1 || maxDelay.compareTo(firstDelay) < 0 || memory.compareTo(maxDelay) < 0
					|| window.toMillis() < 1 || knownFor.toMillis() < 1) {
				throw new IllegalArgumentException(
						"login throttle: need 0 < first-delay <= max-delay <= memory, and positive window and known-for");
			}
		}

	}

}
