package io.statewise.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A primary with two replicas, the local stack's {@code --stack.redis-replicas=2}: the
 * primary dies, the Sentinels promote one replica and point the other at it, so a write
 * followed by {@code WAIT 1} (session-service's durable mode) is acknowledged again while
 * the old primary is still dead: with one replica it stays refused until that node is
 * back (docs/benchmarks.md). Then the old primary is started again, as the stack's reset
 * does, and the topology is whole: one primary and two replicas.
 */
class RedisTwoReplicasTests {

	@TempDir
	static Path dir;

	static RedisTopology topology;

	static RedisClient client;

	@BeforeAll
	static void startTopology() {
		List<Integer> ports = FreePorts.find(6);
		topology = new RedisTopology(dir,
				new RedisTopology.Ports(ports.get(0), ports.subList(1, 3), ports.subList(3, 6)))
			.start();
		client = RedisClient.create();
	}

	@AfterAll
	static void stopTopology() {
		client.shutdown();
		topology.close();
	}

	@Test
	void startedShouldBeOnePrimaryWhoseTwoReplicasCopyIt() throws IOException {
		RedisNode primary = topology.currentPrimary().orElseThrow();

		assertThat(topology.isWhole()).isTrue();
		assertThat(roles()).containsExactlyInAnyOrder("master", "slave", "slave");
		assertThat(RedisProbe.info(primary.port(), "replication")).containsEntry("connected_slaves", "2");
		assertThat(writeAndWait(primary, 2)).as("replicas that acknowledged a write").isEqualTo(2);
	}

	@Test
	void killingThePrimaryShouldLeaveThePromotedReplicaAReplicaToAcknowledgeWritesUntilTheResetMakesItWhole()
			throws IOException {
		RedisNode oldPrimary = topology.currentPrimary().orElseThrow();

		oldPrimary.kill();

		RedisNode promoted = await().atMost(Duration.ofSeconds(15))
			.until(() -> topology.currentPrimary().filter((node) -> node != oldPrimary).orElse(null),
					(node) -> node != null);
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions().until(() -> writeAndWait(promoted, 1) == 1);
		assertThat(oldPrimary.isRunning()).as("the old primary, still dead").isFalse();
		RedisNode other = topology.dataNodes()
			.filter((node) -> node != oldPrimary && node != promoted)
			.findFirst()
			.orElseThrow();
		assertThat(RedisProbe.info(other.port(), "replication")).containsEntry("master_port",
				String.valueOf(promoted.port()));

		topology.rejoinAsReplica(oldPrimary);
		assertThat(roles()).containsExactlyInAnyOrder("master", "slave", "slave");
		assertThat(writeAndWait(promoted, 2)).isEqualTo(2);
	}

	/**
	 * What durable mode does on each session write ({@code ReplicaAcknowledgement}): a
	 * write, then {@code WAIT} on the same connection; how many replicas acknowledged it
	 * within 1 s.
	 */
	private static long writeAndWait(RedisNode primary, int replicas) {
		try (StatefulRedisConnection<String, String> connection = client
			.connect(RedisURI.create("127.0.0.1", primary.port()))) {
			connection.sync().set("cart:line", "3 apples");
			return connection.sync().waitForReplication(replicas, 1000);
		}
	}

	private static List<String> roles() {
		return topology.dataNodes().map(RedisNode::role).toList();
	}

}
