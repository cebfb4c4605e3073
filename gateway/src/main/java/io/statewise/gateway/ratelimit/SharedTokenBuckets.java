package io.statewise.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.statewise.support.background.RepeatingTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.web.server.ServerWebExchange;

/**
 * The approximate mode ({@code statewise.gateway.rate-limit.mode=approximate}, the
 * default): a token bucket per route and key in each gateway instance, shared through
 * Redis in the background. A request consumes from its instance's {@link LocalBucket} and
 * never touches Redis. Every {@code syncInterval} one thread per instance sends Redis
 * what each active bucket consumed since the last sync, in one script call per 100 keys;
 * the script refills the global bucket (Redis's clock), subtracts the consumption
 * (allowing a debt below zero) and returns the level, which becomes the instance's view.
 * <p>
 * <b>The bound.</b> With {@code N} instances, refill rate {@code r}, burst {@code b} and
 * {@code T} the longest time between two successful syncs of an instance (the interval
 * plus a round trip), the requests of one key admitted by all instances together over any
 * window of length {@code W} from a full bucket are at most {@code r·(W + N·T) + N·b}:
 * the exact limit ({@code b + r·W}) plus {@code (N−1)·b} (each instance may spend a full
 * burst before it hears of the others) plus each instance's refill of one sync period.
 * What an instance overdraws is a debt in Redis that every instance sees at its next sync
 * and that refills away, so over long windows the rate converges to {@code r}. Tested
 * against a real Redis with three instances in {@code SharedTokenBucketsTests};
 * docs/adr/0021-gateway-rate-limits-local-buckets.md.
 * <p>
 * <b>Fail open.</b> Without a successful sync for {@code unavailableAfter} (Redis down or
 * frozen, or the watchdog reconnecting), requests pass unlimited and unconsumed, as
 * {@link Decision.Unavailable}; the sync thread is the only one that waits for Redis. So
 * do requests of callers this instance has no bucket for while it holds
 * {@code maxBuckets} (a flood from many addresses must not grow memory and the syncs
 * without end).
 */
final class SharedTokenBuckets implements RateLimits, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SharedTokenBuckets.class);

	/** Keys per script call, so that one call never keeps Redis busy for long. */
	static final int KEYS_PER_CALL = 100;

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SYNC = RedisScript.of("""
			redis.replicate_commands()
			local now = redis.call('TIME')
			now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
			local levels = {}
			for i, key in ipairs(KEYS) do
			  local rate = tonumber(ARGV[i * 3 - 2]) / 1000
			  local capacity = tonumber(ARGV[i * 3 - 1])
			  local bucket = redis.call('HMGET', key, 'tokens', 'at')
			  local tokens = tonumber(bucket[1]) or capacity
			  local at = tonumber(bucket[2]) or now
			  local level = math.min(capacity, tokens + math.max(0, now - at) * rate) - tonumber(ARGV[i * 3])
			  redis.call('HSET', key, 'tokens', tostring(level), 'at', now)
			  redis.call('PEXPIRE', key, math.ceil((capacity - level) / rate) + 1000)
			  levels[i] = tostring(level)
			end
			return levels
			""", List.class);

	/** Route, then key: no key string is built per request. */
	private final Map<String, Map<String, LocalBucket>> buckets = new ConcurrentHashMap<>();

	private final AtomicInteger bucketCount = new AtomicInteger();

	private final int maxBuckets;

	private final RedisRateLimiter limits;

	private final StringRedisTemplate redis;

	private final BooleanSupplier redisReady;

	private final Duration syncInterval;

	private final long unavailableAfterNanos;

	private final LongSupplier clock;

	private volatile long lastSync;

	private volatile boolean everSynced;

	private volatile @Nullable RepeatingTask syncs;

	/**
	 * Buckets for the routes whose limits {@code limits} holds (Spring Cloud Gateway
	 * binds each route's {@code redis-rate-limiter.*} args into it), synced through
	 * {@code redis} while {@code redisReady} (the watchdog) says it is connected.
	 */
	SharedTokenBuckets(RedisRateLimiter limits, StringRedisTemplate redis, BooleanSupplier redisReady,
			Duration syncInterval, Duration unavailableAfter, int maxBuckets, LongSupplier clock) {
		this.maxBuckets = maxBuckets;
		this.limits = limits;
		this.redis = redis;
		this.redisReady = redisReady;
		this.syncInterval = syncInterval;
		this.unavailableAfterNanos = unavailableAfter.toNanos();
		this.clock = clock;
	}

	@Override
	public Mono<Decision> decide(String route, String key, ServerWebExchange exchange) {
		return Mono.just(decide(route, key));
	}

	/** The decision, taken on the caller's thread from this instance's bucket alone. */
	Decision decide(String route, String key) {
		long now = this.clock.getAsLong();
		RedisRateLimiter.Config config = this.limits.getConfig().get(route);
		if (!available(now)) {
			return Decision.UNAVAILABLE;
		}
		if (config == null) {
			// a RateLimit filter without limits: nothing to count against
			return new Decision.Allowed(Map.of());
		}
		double tokens = config.getRequestedTokens();
		double perSecond = config.getReplenishRate();
		double capacity = config.getBurstCapacity();
		Map<String, LocalBucket> routeBuckets = this.buckets.computeIfAbsent(route, (r) -> new ConcurrentHashMap<>());
		double left;
		do {
			LocalBucket bucket = routeBuckets.get(key);
			if (bucket == null) {
				if (this.bucketCount.get() >= this.maxBuckets) {
					// a flood of callers would grow memory and every sync without end;
					// like a Redis outage, this errs towards serving, visibly (ADR 10)
					return Decision.UNAVAILABLE;
				}
				bucket = routeBuckets.computeIfAbsent(key, (k) -> {
					this.bucketCount.incrementAndGet();
					return new LocalBucket(route, k, capacity, now);
				});
			}
			left = bucket.tryConsume(tokens, perSecond, capacity, now);
			if (Double.isNaN(left)) {
				// retired by the sync thread, which may not have dropped it yet
				forget(routeBuckets, bucket);
			}
		}
		while (Double.isNaN(left));
		if (left < 0) {
			long retryAfter = Math.max(1, (long) Math.ceil(-left / perSecond));
			return new Decision.Limited(quota(config, 0), retryAfter);
		}
		return new Decision.Allowed(quota(config, (long) left));
	}

	private void forget(Map<String, LocalBucket> routeBuckets, LocalBucket bucket) {
		if (routeBuckets.remove(bucket.key(), bucket)) {
			this.bucketCount.decrementAndGet();
		}
	}

	private Map<String, String> quota(RedisRateLimiter.Config config, long remaining) {
		return this.limits.isIncludeHeaders() ? this.limits.getHeaders(config, remaining) : Map.of();
	}

	/** Whether a sync succeeded recently enough to trust the local views. */
	boolean available(long now) {
		return this.everSynced && now - this.lastSync < this.unavailableAfterNanos;
	}

	/**
	 * Reports every active bucket's consumption and takes the global levels back; on the
	 * sync thread (and directly in tests). Does nothing while the watchdog reconnects.
	 */
	void sync() {
		if (!this.redisReady.getAsBoolean()) {
			return;
		}
		List<LocalBucket> active = new ArrayList<>();
		this.buckets.values().forEach((routeBuckets) -> active.addAll(routeBuckets.values()));
		try {
			for (int from = 0; from < active.size(); from += KEYS_PER_CALL) {
				sync(active.subList(from, Math.min(active.size(), from + KEYS_PER_CALL)));
			}
			if (active.isEmpty()) {
				// nothing to report, but availability is a round trip that worked
				sync(active);
			}
			this.lastSync = this.clock.getAsLong();
			this.everSynced = true;
		}
		catch (RuntimeException ex) {
			logger.debug("Rate-limit sync failed", ex);
		}
	}

	private void sync(List<LocalBucket> batch) {
		List<String> keys = new ArrayList<>(batch.size());
		List<String> args = new ArrayList<>(batch.size() * 3);
		for (LocalBucket bucket : batch) {
			RedisRateLimiter.Config config = config(bucket);
			keys.add(bucket.redisKey());
			args.add(Integer.toString(config.getReplenishRate()));
			args.add(Long.toString(config.getBurstCapacity()));
			args.add(Double.toString(bucket.startReport()));
		}
		List<?> levels;
		try {
			levels = this.redis.execute(SYNC, keys, args.toArray());
		}
		catch (RuntimeException ex) {
			batch.forEach(LocalBucket::reportFailed);
			throw ex;
		}
		long now = this.clock.getAsLong();
		for (int i = 0; i < batch.size(); i++) {
			LocalBucket bucket = batch.get(i);
			if (bucket.reported(Double.parseDouble(levels.get(i).toString()), config(bucket).getBurstCapacity(), now)) {
				forget(this.buckets.get(bucket.route()), bucket);
			}
		}
	}

	/** A bucket exists only for a route that had limits when it was created. */
	private RedisRateLimiter.Config config(LocalBucket bucket) {
		RedisRateLimiter.Config config = this.limits.getConfig().get(bucket.route());
		return (config != null) ? config : new RedisRateLimiter.Config().setReplenishRate(1).setBurstCapacity(1);
	}

	/**
	 * Syncs once on the caller's thread (so limits hold from the first request), then
	 * every interval.
	 */
	@Override
	public void start() {
		sync();
		this.syncs = RepeatingTask.start("rate-limit-sync", this.syncInterval, this::sync);
	}

	@Override
	public void stop() {
		RepeatingTask running = this.syncs;
		if (running != null) {
			running.close();
			this.syncs = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.syncs != null;
	}

}
