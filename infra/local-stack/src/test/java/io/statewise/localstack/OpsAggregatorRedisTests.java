package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.statewise.embedded.Folders;
import io.statewise.embedded.FreePorts;
import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisProbe;
import io.statewise.embedded.RedisTopology;
import io.statewise.localstack.OpsSnapshot.Node;
import io.statewise.localstack.StackComponent.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The panel's look at a real Redis topology (primary, replica, 3 Sentinels, as the local
 * stack runs it): which node is primary as the Sentinels say, the replica's lag, and the
 * live sessions counted in Redis; then with the primary frozen, whose role and sessions
 * must still be shown from what answers.
 */
class OpsAggregatorRedisTests {

	private static final ExecutorService pool = Executors.newCachedThreadPool();

	private static Path dir;

	private static RedisTopology redis;

	private static OpsAggregator aggregator;

	@BeforeAll
	static void startRedis() throws IOException {
		dir = Files.createTempDirectory("statewise-ops-redis-");
		List<Integer> ports = FreePorts.find(5);
		redis = new RedisTopology(dir, new RedisTopology.Ports(ports.get(0), ports.get(1), ports.subList(2, 5)))
			.start();
		List<StackComponent> components = redis.nodes()
			.stream()
			.map((node) -> new StackComponent(node.name(), node.isSentinel() ? Kind.SENTINEL : Kind.REDIS, node,
					"redis://127.0.0.1:" + node.port(), null, () -> Health.UP, () -> ""))
			.toList();
		aggregator = new OpsAggregator(() -> components, () -> redis.currentPrimary().map(RedisNode::name),
				SessionMode.REDIS, () -> true, new Timeline(), pool, Duration.ofMillis(800));
	}

	@AfterAll
	static void stopRedis() {
		redis.nodes().forEach(RedisNode::thaw);
		redis.close();
		pool.shutdownNow();
		Folders.deleteRecursively(dir);
	}

	@Test
	void aLookShouldNameThePrimaryTheReplicaItsLagAndCountTheSessionsEvenWithThePrimaryFrozen() throws IOException {
		int primary = redis.currentPrimary().orElseThrow().port();
		RedisProbe.command(primary, Duration.ofSeconds(1), "HSET", "statewise:session:fenced:one", "v", "1");
		RedisProbe.command(primary, Duration.ofSeconds(1), "HSET", "statewise:session:fenced:two", "v", "1");
		RedisProbe.command(primary, Duration.ofSeconds(1), "SET", "statewise:rate:other", "1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> redisNodes(aggregator.look()).contains(tuple("redis-2", "replica", 0L)));

		assertThat(redisNodes(aggregator.look())).containsExactly(tuple("redis-1", "primary", null),
				tuple("redis-2", "replica", 0L));
		assertThat(aggregator.look().totals().liveSessions()).isEqualTo(2);

		redis.nodes().get(0).freeze();

		OpsSnapshot frozen = aggregator.look();
		assertThat(frozen.nodes().get(0).state()).isEqualTo("frozen");
		assertThat(frozen.totals().liveSessions()).isEqualTo(2);
	}

	private static List<org.assertj.core.groups.Tuple> redisNodes(OpsSnapshot snapshot) {
		return snapshot.nodes()
			.stream()
			.filter((node) -> node.kind().equals("redis"))
			.map((Node node) -> tuple(node.name(), node.role(), node.lagBytes()))
			.toList();
	}

}
