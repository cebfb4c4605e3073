package io.statewise.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import io.statewise.embedded.HostPort;
import io.statewise.embedded.RedisEndpoint;
import io.statewise.testkit.Datastores;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Rate limiters of both modes built the way {@link RateLimiterConfiguration} builds them,
 * each on its own Lettuce client as separate gateway instances would be, for a route
 * {@code orders} whose limits the test chooses. Closes what it started.
 */
final class Limiters implements AutoCloseable {

	static final String ROUTE = "orders";

	private final GenericApplicationContext context = new GenericApplicationContext();

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	private final RedisRateLimiter.Config limits;

	Limiters(int perSecond, int burst) {
		this.context.refresh();
		this.limits = new RedisRateLimiter.Config().setReplenishRate(perSecond).setBurstCapacity(burst);
	}

	/** A client of the tests' shared (real) Redis, through Sentinel when it has one. */
	LettuceConnectionFactory sharedRedis() {
		RedisEndpoint endpoint = Datastores.shared().redis();
		RedisConfiguration configuration;
		if (endpoint instanceof RedisEndpoint.Sentinel sentinel) {
			Set<String> nodes = Set.copyOf(sentinel.nodes().stream().map(HostPort::toString).toList());
			configuration = new RedisSentinelConfiguration(sentinel.master(), nodes);
		}
		else {
			HostPort node = ((RedisEndpoint.Standalone) endpoint).node();
			configuration = new RedisStandaloneConfiguration(node.host(), node.port());
		}
		return connect(configuration);
	}

	/** A client of a single Redis server on this port (one that may not be there). */
	LettuceConnectionFactory redisOn(int port) {
		return connect(new RedisStandaloneConfiguration("127.0.0.1", port));
	}

	private LettuceConnectionFactory connect(RedisConfiguration configuration) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		factory.afterPropertiesSet();
		factory.start();
		this.connections.add(factory);
		return factory;
	}

	/**
	 * An approximate-mode instance (unavailable after 1 s without a sync), not started:
	 * the test calls {@code sync()}.
	 */
	SharedTokenBuckets approximate(LettuceConnectionFactory redis, BooleanSupplier redisReady, LongSupplier clock) {
		return approximate(redis, redisReady, RateLimiterConfiguration.MAX_BUCKETS, clock);
	}

	/** The same, holding at most {@code maxBuckets} callers. */
	SharedTokenBuckets approximate(LettuceConnectionFactory redis, BooleanSupplier redisReady, int maxBuckets,
			LongSupplier clock) {
		return new SharedTokenBuckets(limiter(new EstablishedReactiveConnection(redis)), new StringRedisTemplate(redis),
				redisReady, Duration.ofMillis(250), Duration.ofSeconds(1), maxBuckets, clock);
	}

	/**
	 * An exact-mode instance; its connection is taken at once when {@code redisReady} (as
	 * the watchdog does when it has connected), and if Redis refuses it, not at all.
	 */
	ExactRedisLimits exact(LettuceConnectionFactory redis, BooleanSupplier redisReady) {
		EstablishedReactiveConnection established = new EstablishedReactiveConnection(redis);
		if (redisReady.getAsBoolean()) {
			try {
				established.refresh();
			}
			catch (RedisConnectionFailureException ex) {
				// Redis is down: every command fails, as the test wants
			}
		}
		return new ExactRedisLimits(limiter(established), redisReady);
	}

	private RedisRateLimiter limiter(EstablishedReactiveConnection established) {
		RedisRateLimiter limiter = new RedisRateLimiter(new ReactiveStringRedisTemplate(established),
				RateLimiterConfiguration.tokenBucketScript(),
				new ConfigurationService(this.context.getBeanFactory(), DefaultConversionService::new, () -> null));
		limiter.setApplicationContext(this.context);
		limiter.getConfig().put(ROUTE, this.limits);
		return limiter;
	}

	@Override
	public void close() {
		this.connections.forEach(LettuceConnectionFactory::destroy);
		this.context.close();
	}

}
