package io.statewise.gateway.edge;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statewise.gateway.system.GatewayProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link IntrospectionCache} reuses, without a server; expiry is tested through the
 * gateway (EdgeAuthenticationCacheTests).
 */
class IntrospectionCacheTests {

	private static final Identity ALICE = new Identity("alice", List.of("customer"));

	@Test
	void anAnswerShouldBeReusedOnlyForTheSameSessionAtTheSameHolder() {
		IntrospectionCache cache = new IntrospectionCache(properties(Map.of()), new SimpleMeterRegistry());
		cache.put("session-a", null, ALICE);
		cache.put("session-b", "127.0.0.1:8082", ALICE);

		assertThat(cache.get("session-a", null)).isEqualTo(ALICE);
		assertThat(cache.get("session-a", "127.0.0.1:8082")).isNull();
		assertThat(cache.get("session-b", "127.0.0.1:8182")).isNull();
		assertThat(cache.get("session-c", null)).isNull();
	}

	@Test
	void aTtlOfZeroShouldReuseNothingAndRegisterNoMeters() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		IntrospectionCache cache = new IntrospectionCache(
				properties(Map.of("statewise.gateway.introspection-cache-ttl", "0")), meters);
		cache.put("session-a", null, ALICE);

		assertThat(cache.get("session-a", null)).isNull();
		assertThat(meters.getMeters()).isEmpty();
	}

	/** Bound as the application binds them, defaults included. */
	private static GatewayProperties properties(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("statewise.gateway",
				GatewayProperties.class);
	}

}
