package io.statewise.session.store;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.validation.annotation.Validated;

/**
 * Where sessions live: {@code statewise.session.store=redis} (default; Sentinel, any
 * instance serves any request) or {@code memory} (a map in this JVM: faster, and lost
 * with the instance). Both fence their writes the same way (docs/adr/0012), so the two
 * modes compare like with like.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
@EnableConfigurationProperties(SessionStoreConfiguration.SessionProperties.class)
class SessionStoreConfiguration {

	@Bean
	@ConditionalOnProperty(name = "statewise.session.store", havingValue = "redis", matchIfMissing = true)
	RedisSessionStore redisSessionStore(RedisConnectionFactory connections, SessionProperties properties,
			MeterRegistry meters) {
		RedisTemplate<String, byte[]> redis = new RedisTemplate<>();
		redis.setConnectionFactory(connections);
		redis.setKeySerializer(RedisSerializer.string());
		redis.setHashKeySerializer(RedisSerializer.string());
		redis.setValueSerializer(RedisSerializer.byteArray());
		redis.setHashValueSerializer(RedisSerializer.byteArray());
		redis.afterPropertiesSet();
		ReplicaAcknowledgement durable = properties.durable()
				? new ReplicaAcknowledgement((LettuceConnectionFactory) connections, properties.durableTimeout())
				: null;
		return new RedisSessionStore(redis, properties.namespace(), properties.timeout(), properties.refreshFraction(),
				meters, durable);
	}

	@Bean
	@ConditionalOnProperty(name = "statewise.session.store", havingValue = "memory")
	MemorySessionStore memorySessionStore(SessionProperties properties, MeterRegistry meters) {
		return new MemorySessionStore(properties.timeout(), meters);
	}

	enum Store {

		REDIS, MEMORY

	}

	/**
	 * @param store where sessions live
	 * @param timeout idle time after which a session expires
	 * @param namespace prefix of the session keys in Redis
	 * @param durable after each session write, wait until one replica has it (WAIT 1), so
	 * an acknowledged write survives losing the primary (Redis only)
	 * @param durableTimeout how long to wait for the replica before failing the request
	 * @param refreshFraction how much of the timeout must have passed since a session's
	 * life was last extended before a read extends it again (Redis only; the memory store
	 * extends on every read, which costs it nothing). A session then expires between
	 * {@code (1 - f) x timeout} and {@code timeout} after its last request. 0.1: at most
	 * 3 of 30 minutes early, and a shopper who keeps reading costs one write per 3
	 * minutes instead of one per request. 0 extends on every read; at most 0.5, beyond
	 * which a session could end after less than half the idle time it was given.
	 */
	@ConfigurationProperties("statewise.session")
	@Validated
	record SessionProperties(@DefaultValue("redis") Store store, @DefaultValue("30m") Duration timeout,
			@DefaultValue("statewise:session") String namespace, @DefaultValue("false") boolean durable,
			@DefaultValue("500ms") Duration durableTimeout,
			@DefaultValue("0.1") @DecimalMin("0") @DecimalMax("0.5") double refreshFraction) {

	}

}
