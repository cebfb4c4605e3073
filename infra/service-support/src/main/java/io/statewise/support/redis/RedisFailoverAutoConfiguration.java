package io.statewise.support.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Gives a service's {@link LettuceConnectionFactory} (the one Spring Boot builds from
 * {@code spring.data.redis.*}) a {@link RedisPrimaryWatchdog}, and counts its resets as
 * {@code statewise.redis.connection.resets}. A service needs nothing but this jar on its
 * class path; {@code statewise.redis.watchdog=false} turns it off.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass(LettuceConnectionFactory.class)
@ConditionalOnBean(LettuceConnectionFactory.class)
@ConditionalOnProperty(name = "statewise.redis.watchdog", matchIfMissing = true)
@EnableConfigurationProperties(RedisFailoverProperties.class)
public class RedisFailoverAutoConfiguration {

	@Bean
	RedisPrimaryWatchdog redisPrimaryWatchdog(LettuceConnectionFactory connections, RedisFailoverProperties properties,
			ObjectProvider<MeterRegistry> meters) {
		RedisPrimaryWatchdog watchdog = new RedisPrimaryWatchdog(connections, properties.probeInterval(),
				properties.resetAfterTimeouts());
		meters.ifAvailable((registry) -> FunctionCounter
			.builder("statewise.redis.connection.resets", watchdog, RedisPrimaryWatchdog::resets)
			.description("Redis connections dropped because the primary stopped answering (a hung primary)")
			.register(registry));
		return watchdog;
	}

}
