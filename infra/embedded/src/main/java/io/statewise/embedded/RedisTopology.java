package io.statewise.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Redis primary, one replica and three Sentinels on loopback: the smallest topology in
 * which losing the primary is survivable. Quorum 2 of 3 Sentinels, {@code down-after} 1 s
 * (by default; the lab's E6 varies it) and {@code failover-timeout} 2 s promote the
 * replica about 2–3 s after the primary dies.
 */
public final class RedisTopology implements AutoCloseable {

	public static final String MASTER_NAME = "statewise";

	public static final int DOWN_AFTER_MILLIS = 1000;

	public static final int FAILOVER_TIMEOUT_MILLIS = 2000;

	/**
	 * How long a service's Redis client may take to write again after the primary froze:
	 * Sentinel's promotion plus the client's detection with the services' watchdog at its
	 * defaults (two PINGs 250 ms apart timing out after 500 ms each, docs/adr/0007),
	 * tripled for a loaded 2-core machine. A bound for failover drills, not a figure.
	 */
	public static final Duration CLIENT_FAILOVER_BOUND = Duration
		.ofMillis(DOWN_AFTER_MILLIS + FAILOVER_TIMEOUT_MILLIS + 2 * (250 + 500))
		.multipliedBy(3);

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

	private final RedisNode primary;

	private final RedisNode replica;

	private final List<RedisNode> sentinels;

	/**
	 * @param dir the folder that holds each node's configuration, data and log
	 * @param ports the data nodes' ports first (primary, replica), then the Sentinels'
	 */
	public RedisTopology(Path dir, Ports ports) {
		this(dir, ports, Duration.ofMillis(DOWN_AFTER_MILLIS));
	}

	/**
	 * @param dir the folder that holds each node's configuration, data and log
	 * @param ports the data nodes' ports first (primary, replica), then the Sentinels'
	 * @param downAfter how long a Sentinel waits for a silent node before it calls it
	 * down ({@code down-after-milliseconds}); written into a Sentinel's configuration
	 * when the node is first started, and kept across restarts as the rest of it is
	 */
	public RedisTopology(Path dir, Ports ports, Duration downAfter) {
		Path executable = RedisExecutable.locate(dir.resolve("bin"));
		this.primary = new RedisNode("redis-1", ports.primary(), false, executable, dir.resolve("redis-1"),
				dataNodeConfig(dir.resolve("redis-1"), ports.primary(), null));
		this.replica = new RedisNode("redis-2", ports.replica(), false, executable, dir.resolve("redis-2"),
				dataNodeConfig(dir.resolve("redis-2"), ports.replica(), ports.primary()));
		List<RedisNode> sentinelNodes = new ArrayList<>();
		for (int i = 0; i < ports.sentinels().size(); i++) {
			String name = "sentinel-" + (i + 1);
			int port = ports.sentinels().get(i);
			sentinelNodes.add(new RedisNode(name, port, true, executable, dir.resolve(name),
					sentinelConfig(dir.resolve(name), port, ports.primary(), downAfter)));
		}
		this.sentinels = List.copyOf(sentinelNodes);
	}

	private static List<String> dataNodeConfig(Path dir, int port, Integer primaryPort) {
		List<String> config = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + dir, "appendonly yes",
				"appendfsync everysec", "save 60 1", "replica-read-only yes",
				// Replicas of a restarted node resync from its log rather than from
				// scratch
				"repl-backlog-size 16mb"));
		if (primaryPort != null) {
			config.add("replicaof 127.0.0.1 " + primaryPort);
		}
		return config;
	}

	private static List<String> sentinelConfig(Path dir, int port, int primaryPort, Duration downAfter) {
		return List.of("port " + port, "bind 127.0.0.1", "dir " + dir,
				"sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primaryPort + " 2",
				"sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfter.toMillis(),
				"sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT_MILLIS,
				"sentinel parallel-syncs " + MASTER_NAME + " 1");
	}

	/** Starts every node and returns once the Sentinels can fail over. */
	public RedisTopology start() {
		nodes().forEach(RedisNode::start);
		awaitFailoverReady();
		return this;
	}

	/**
	 * Sentinels can elect a leader only after they have found each other through their
	 * hello messages (every 2 s), and promote only a replica they know about.
	 */
	public void awaitFailoverReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!failoverReady()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Sentinels did not discover the replica and each other within "
						+ READY_TIMEOUT.toSeconds() + " s");
			}
			RedisNode.sleep(Duration.ofMillis(100));
		}
	}

	/**
	 * Brings back a data node a failure drill killed or froze: thaws or restarts it,
	 * waits until the Sentinels have made it a replica of the new primary and can fail
	 * over again. Call it after every drill, even a failed one.
	 */
	public void rejoinAsReplica(RedisNode node) {
		node.thaw();
		if (!node.isRunning()) {
			node.start();
		}
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!"slave".equals(node.role())) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Redis on port " + node.port() + " did not rejoin as a replica within "
						+ READY_TIMEOUT.toSeconds() + " s");
			}
			RedisNode.sleep(Duration.ofMillis(100));
		}
		awaitFailoverReady();
	}

	private boolean failoverReady() {
		int expectedPeers = this.sentinels.size() - 1;
		for (RedisNode sentinel : this.sentinels) {
			Map<String, String> master = sentinelMaster(sentinel);
			if (!master.getOrDefault("num-other-sentinels", "0").equals(String.valueOf(expectedPeers))
					|| master.getOrDefault("num-slaves", "0").equals("0")
					|| master.getOrDefault("flags", "").contains("down")) {
				return false;
			}
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> sentinelMaster(RedisNode sentinel) {
		try {
			Object reply = RedisProbe.command(sentinel.port(), Duration.ofSeconds(1), "SENTINEL", "MASTER",
					MASTER_NAME);
			List<Object> fields = (List<Object>) reply;
			Map<String, String> master = new java.util.HashMap<>();
			for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
				master.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
			}
			return master;
		}
		catch (IOException | ClassCastException ex) {
			return Map.of();
		}
	}

	/** The data node the Sentinels currently name as primary, if any answers. */
	@SuppressWarnings("unchecked")
	public Optional<RedisNode> currentPrimary() {
		for (RedisNode sentinel : this.sentinels) {
			try {
				Object reply = RedisProbe.command(sentinel.port(), Duration.ofSeconds(1), "SENTINEL",
						"GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
				if (reply instanceof List<?> address && address.size() == 2) {
					int port = Integer.parseInt(String.valueOf(address.get(1)));
					return dataNodes().filter((node) -> node.port() == port).findFirst();
				}
			}
			catch (IOException | NumberFormatException ex) {
				// ask the next Sentinel
			}
		}
		return Optional.empty();
	}

	/** The data node that is not the current primary. */
	public Optional<RedisNode> currentReplica() {
		return currentPrimary().flatMap((primary) -> dataNodes().filter((node) -> node != primary).findFirst());
	}

	public RedisEndpoint.Sentinel endpoint() {
		return new RedisEndpoint.Sentinel(MASTER_NAME,
				this.sentinels.stream().map((sentinel) -> new HostPort("127.0.0.1", sentinel.port())).toList());
	}

	public Stream<RedisNode> dataNodes() {
		return Stream.of(this.primary, this.replica);
	}

	/** Every node, data nodes first: the order to start them in. */
	public List<RedisNode> nodes() {
		return Stream.concat(dataNodes(), this.sentinels.stream()).toList();
	}

	public List<RedisNode> sentinels() {
		return this.sentinels;
	}

	/**
	 * Stops the Sentinels first so that stopping the primary does not start a failover.
	 */
	@Override
	public void close() {
		this.sentinels.forEach(RedisNode::stop);
		this.replica.stop();
		this.primary.stop();
	}

	/** The ports of the two data nodes and of the Sentinels. */
	public record Ports(int primary, int replica, List<Integer> sentinels) {

		public Ports {
			sentinels = List.copyOf(sentinels);
		}

		public List<Integer> all() {
			return Stream.concat(Stream.of(this.primary, this.replica), this.sentinels.stream()).toList();
		}

	}

}
