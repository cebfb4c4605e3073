package io.statewise.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The primary dies: Sentinel must promote the replica, a Sentinel-aware Lettuce client
 * must read and write again, nothing replicated before the crash may be lost, and the old
 * primary must come back as a replica.
 */
class RedisFailoverTests {

	@TempDir
	static Path dir;

	static RedisTopology topology;

	static LettuceConnectionFactory connectionFactory;

	@BeforeAll
	static void startTopology() {
		List<Integer> ports = FreePorts.find(5);
		topology = new RedisTopology(dir, new RedisTopology.Ports(ports.get(0), ports.get(1), ports.subList(2, 5)))
			.start();
		RedisEndpoint.Sentinel endpoint = topology.endpoint();
		RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration(endpoint.master(),
				java.util.Set.copyOf(endpoint.nodes().stream().map(HostPort::toString).toList()));
		connectionFactory = new LettuceConnectionFactory(sentinel,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
	}

	@AfterAll
	static void stopTopology() {
		connectionFactory.destroy();
		topology.close();
	}

	@Test
	void killingThePrimaryShouldPromoteTheReplicaAndLoseNothingReplicated() throws java.io.IOException {
		StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
		RedisNode oldPrimary = topology.currentPrimary().orElseThrow();
		redis.opsForValue().set("cart:before", "3 apples");
		waitForOneReplica(redis);

		oldPrimary.kill();

		await().atMost(Duration.ofSeconds(15))
			.until(() -> topology.currentPrimary().filter((node) -> node != oldPrimary).isPresent());
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
			redis.opsForValue().set("cart:after", "2 pears");
			assertThat(redis.opsForValue().get("cart:after")).isEqualTo("2 pears");
		});
		assertThat(redis.opsForValue().get("cart:before")).isEqualTo("3 apples");
		assertThat(topology.currentPrimary().orElseThrow().role()).isEqualTo("master");

		topology.rejoinAsReplica(oldPrimary);
		assertThat(oldPrimary.role()).isEqualTo("slave");
	}

	private static void waitForOneReplica(StringRedisTemplate redis) throws java.io.IOException {
		RedisNode primary = topology.currentPrimary().orElseThrow();
		RedisNode replica = topology.currentReplica().orElseThrow();
		long written = offset(primary, "master_repl_offset");
		await().atMost(Duration.ofSeconds(5)).until(() -> offset(replica, "slave_repl_offset") >= written);
	}

	private static long offset(RedisNode node, String field) throws java.io.IOException {
		return Long.parseLong(RedisProbe.info(node.port(), "replication").getOrDefault(field, "-1"));
	}

}
