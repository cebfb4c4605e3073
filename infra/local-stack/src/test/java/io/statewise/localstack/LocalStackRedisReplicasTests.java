package io.statewise.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Redis data nodes the stack is made of, before anything starts: {@code redis-1} and
 * {@code redis-2} by default, {@code redis-3} on the next port with
 * {@code --stack.redis-replicas=2}, each moved by the port offset.
 */
class LocalStackRedisReplicasTests {

	@TempDir
	Path dir;

	@Test
	void oneReplicaShouldBeTheDefault() {
		assertThat(redisNodes(Map.of())).extracting(StackComponent::name).containsExactly("redis-1", "redis-2");
	}

	@Test
	void twoReplicasShouldAddRedis3OnTheNextPortMovedByTheOffset() {
		assertThat(redisNodes(Map.of("stack.redis-replicas", "2", "stack.port-offset", "7000")))
			.extracting(StackComponent::name, StackComponent::url)
			.containsExactly(tuple("redis-1", "redis://127.0.0.1:23379"), tuple("redis-2", "redis://127.0.0.1:23380"),
					tuple("redis-3", "redis://127.0.0.1:23381"));
	}

	private List<StackComponent> redisNodes(Map<String, String> arguments) {
		Map<String, String> all = new HashMap<>(arguments);
		all.put("stack.data-dir", this.dir.toString());
		StackProperties properties = new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("stack",
				StackProperties.class);
		LocalStack stack = new LocalStack(properties, new DefaultApplicationArguments(), new StandardEnvironment());
		return stack.components()
			.stream()
			.filter((component) -> component.kind() == StackComponent.Kind.REDIS)
			.toList();
	}

}
