package io.statewise.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.redis.RedisPrimaryWatchdog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The routes' rate limits in the mode {@code statewise.gateway.rate-limit.mode} names.
 * <p>
 * Spring Cloud Gateway's {@link RedisRateLimiter} is declared in both modes: it binds
 * each route's {@code redis-rate-limiter.*} args, which the approximate mode reads too.
 * Its token-bucket script is read once: the auto-configured one is a
 * {@code ResourceScriptSource}, which {@code DefaultRedisScript} asks "modified?" before
 * every call, in an executable jar through the jar's URL handler under a lock (a fifth of
 * the gateway's CPU when profiled, docs/benchmarks.md). Its template runs on the
 * {@link EstablishedReactiveConnection}, never asking the factory per request. The
 * auto-configuration backs off when a {@code RedisRateLimiter} bean exists.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

	/**
	 * Callers with a bucket per instance, as the introspection budget's maps (ADR 15).
	 */
	static final int MAX_BUCKETS = 100_000;

	/**
	 * The connection the limiter runs on is not a bean: as a second
	 * {@code ReactiveRedisConnectionFactory} it would be offered to every other Redis
	 * user.
	 */
	@Bean
	RedisRateLimiter redisRateLimiter(LettuceConnectionFactory connections,
			ObjectProvider<RedisPrimaryWatchdog> watchdog, ConfigurationService configuration) {
		EstablishedReactiveConnection established = new EstablishedReactiveConnection(connections);
		RedisPrimaryWatchdog connected = watchdog.getIfAvailable();
		if (connected != null) {
			connected.whenConnected(established::refresh);
		}
		else {
			established.refresh();
		}
		return new RedisRateLimiter(new ReactiveStringRedisTemplate(established), tokenBucketScript(), configuration);
	}

	@Bean
	RateLimits rateLimits(GatewayProperties properties, RedisRateLimiter limiter, LettuceConnectionFactory connections,
			ObjectProvider<RedisPrimaryWatchdog> watchdog) {
		RedisPrimaryWatchdog ready = watchdog.getIfAvailable();
		BooleanSupplier redisReady = (ready != null) ? ready::connectionReady : () -> true;
		GatewayProperties.RateLimit rateLimit = properties.rateLimit();
		return switch (rateLimit.mode()) {
			case APPROXIMATE -> new SharedTokenBuckets(limiter, new StringRedisTemplate(connections), redisReady,
					rateLimit.syncInterval(), rateLimit.unavailableAfter(), MAX_BUCKETS, System::nanoTime);
			case EXACT -> new ExactRedisLimits(limiter, redisReady);
		};
	}

	/** Gateway's own {@code request_rate_limiter.lua}, as a string. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static RedisScript<List<Long>> tokenBucketScript() {
		try {
			String lua = new ClassPathResource("META-INF/scripts/request_rate_limiter.lua")
				.getContentAsString(StandardCharsets.UTF_8);
			return (RedisScript) RedisScript.of(lua, List.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Spring Cloud Gateway's rate limiter script is missing", ex);
		}
	}

}
