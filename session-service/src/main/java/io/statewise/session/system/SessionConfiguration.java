package io.statewise.session.system;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.SessionRepository;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;

/**
 * Where sessions live: {@code statewise.session.store=redis} (default; Spring Boot's
 * Redis session auto-configuration, Sentinel, any instance serves any request) or
 * {@code memory} (a map in this JVM: faster, and lost with the instance). Everything else
 * is identical, so the two modes compare like with like.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionConfiguration.SessionProperties.class)
class SessionConfiguration {

	/** Counts sessions and, in durable mode, waits for a replica after each save. */
	@Bean
	static BeanPostProcessor observedSessionRepository(ObjectProvider<MeterRegistry> meters,
			ObjectProvider<SessionProperties> properties, ObjectProvider<RedisConnectionFactory> redis) {
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings({ "unchecked", "rawtypes" })
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof SessionRepository<?> repository && !(bean instanceof ObservedSessionRepository)) {
					SessionProperties settings = properties.getObject();
					ReplicaAcknowledgement durable = (settings.durable() && settings.store() == Store.REDIS)
							? new ReplicaAcknowledgement(redis.getObject(), settings.durableTimeout()) : null;
					return new ObservedSessionRepository(repository, meters.getObject(), settings.store(), durable);
				}
				return bean;
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "statewise.session.store", havingValue = "memory")
	@EnableSpringHttpSession
	static class MemorySessions {

		@Bean
		MapSessionRepository sessionRepository(SessionProperties properties) {
			MapSessionRepository repository = new MapSessionRepository(new ConcurrentHashMap<>());
			repository.setDefaultMaxInactiveInterval(properties.timeout());
			return repository;
		}

	}

	enum Store {

		REDIS, MEMORY

	}

	/**
	 * @param store where sessions live
	 * @param timeout idle time after which a session expires (memory mode; Redis mode
	 * uses {@code server.servlet.session.timeout}, set to the same value)
	 * @param durable after each session save, wait until one replica has it (WAIT 1), so
	 * an acknowledged write survives losing the primary
	 * @param durableTimeout how long to wait for the replica before failing the request
	 */
	@ConfigurationProperties("statewise.session")
	record SessionProperties(@DefaultValue("redis") Store store, @DefaultValue("30m") Duration timeout,
			@DefaultValue("false") boolean durable, @DefaultValue("500ms") Duration durableTimeout) {

	}

}
