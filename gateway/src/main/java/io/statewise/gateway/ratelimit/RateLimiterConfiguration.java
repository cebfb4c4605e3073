package io.statewise.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Spring Cloud Gateway's {@link RedisRateLimiter} with its own token-bucket script, read
 * once. The auto-configured script is a {@code ResourceScriptSource}, which
 * {@code DefaultRedisScript} asks "modified?" before every call: in an executable jar
 * that resolves the classpath resource through the jar's URL handler each time, under a
 * lock. Profiled under {@code load-tests/gateway-benchmark.sh}, that check took a fifth
 * of the gateway's CPU (docs/benchmarks.md). The auto-configuration backs off when a
 * {@code RedisRateLimiter} bean exists.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiterConfiguration {

	@Bean
	RedisRateLimiter redisRateLimiter(ReactiveStringRedisTemplate redis, ConfigurationService configuration) {
		return new RedisRateLimiter(redis, tokenBucketScript(), configuration);
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
