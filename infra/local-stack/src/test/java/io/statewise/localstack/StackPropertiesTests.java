package io.statewise.localstack;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stack's settings as the command line gives them: a property for one service's JVMs
 * keeps its dotted name, a service name that names no service is refused, and so is a
 * number of Redis replicas the stack cannot run.
 */
class StackPropertiesTests {

	@Test
	void servicePropertiesShouldBeKeptPerServiceWithTheirWholeNames() {
		StackProperties properties = bind(
				Map.of("stack.service-properties.order-service.statewise.inventory.circuit-breaker.enabled", "false",
						"stack.service-properties.gateway[statewise.rate-limit.order-service.burst]", "9"));

		assertThat(properties.serviceProperties()).containsOnly(
				Map.entry("order-service", Map.of("statewise.inventory.circuit-breaker.enabled", "false")),
				Map.entry("gateway", Map.of("statewise.rate-limit.order-service.burst", "9")));
	}

	@Test
	void sentinelDownAfterShouldDefaultToOneSecond() {
		assertThat(bind(Map.of()).sentinelDownAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(bind(Map.of("stack.sentinel-down-after", "500ms")).sentinelDownAfter())
			.isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void aServicePropertyForNoServiceShouldBeRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("stack.service-properties.order-servic.x", "1")))
			.withStackTraceContaining("names no service: [order-servic]");
	}

	@Test
	void oneRedisReplicaShouldBeTheDefaultAndASecondShouldTakeTheNextPort() {
		assertThat(bind(Map.of()).redisReplicaPorts()).containsExactly(16380);
		assertThat(bind(Map.of("stack.redis-replicas", "2")).redisReplicaPorts()).containsExactly(16380, 16381);
		assertThat(bind(Map.of("stack.redis-replicas", "2", "stack.ports.redis-replicas", "17380,17390"))
			.redisReplicaPorts()).containsExactly(17380, 17390);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "3", "-1" })
	void aNumberOfRedisReplicasOtherThanOneOrTwoShouldBeRefusedSayingWhatIsAllowed(String replicas) {
		assertThatExceptionOfType(BindException.class).isThrownBy(() -> bind(Map.of("stack.redis-replicas", replicas)))
			.withStackTraceContaining("stack.redis-replicas is " + replicas + ": the local stack runs the Redis"
					+ " primary with 1 replica (the default) or 2");
	}

	@Test
	void twoRedisReplicasWithOnePortShouldBeRefused() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("stack.redis-replicas", "2", "stack.ports.redis-replicas", "17380")))
			.withStackTraceContaining("stack.ports.redis-replicas gives only 1 port(s): [17380]");
	}

	private static StackProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("stack", StackProperties.class);
	}

}
