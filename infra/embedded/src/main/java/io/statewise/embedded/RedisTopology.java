package io.statewise.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A Redis primary, its replicas (one, the smallest topology in which losing the primary
 * is survivable, or more) and three Sentinels on loopback. Quorum 2 of 3 Sentinels,
 * {@code down-after} 1 s (by default; the lab's E6 varies it) and
 * {@code failover-timeout} 2 s promote a replica about 2–3 s after the primary dies, and
 * the Sentinels point the other replicas at it. The data nodes are {@code redis-1} (the
 * first primary), {@code redis-2}, {@code redis-3}, ... in port order.
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

	/**
	 * How long the topology may take to become whole. At start, Sentinels find each other
	 * through hello messages every 2 s. After a failover, they make a restarted former
	 * primary a replica only once it has called itself a primary for 8 s (four hello
	 * periods), on their next INFO of it (every 10 s): 10-20 s. And a Sentinel whose
	 * timer jumped by more than 2 s or went backwards (its process stalled, the clock was
	 * stepped: both happen on a loaded or freshly booted VM) enters TILT mode and acts on
	 * nothing for 30 s. A bound for drills, not a figure.
	 */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	/** The first primary, then its replicas. */
	private final List<RedisNode> dataNodes;

	private final List<RedisNode> sentinels;

	/**
	 * @param dir the folder that holds each node's configuration, data and log
	 * @param ports the data nodes' ports (primary, replicas) and the Sentinels'
	 */
	public RedisTopology(Path dir, Ports ports) {
		this(dir, ports, Duration.ofMillis(DOWN_AFTER_MILLIS));
	}

	/**
	 * @param dir the folder that holds each node's configuration, data and log
	 * @param ports the data nodes' ports (primary, replicas) and the Sentinels'
	 * @param downAfter how long a Sentinel waits for a silent node before it calls it
	 * down ({@code down-after-milliseconds}); written into a Sentinel's configuration
	 * when the node is first started, and kept across restarts as the rest of it is
	 */
	public RedisTopology(Path dir, Ports ports, Duration downAfter) {
		Path executable = RedisExecutable.locate(dir.resolve("bin"));
		List<RedisNode> data = new ArrayList<>();
		List<Integer> dataPorts = ports.dataNodes();
		for (int i = 0; i < dataPorts.size(); i++) {
			String name = "redis-" + (i + 1);
			int port = dataPorts.get(i);
			data.add(new RedisNode(name, port, false, executable, dir.resolve(name),
					dataNodeConfig(dir.resolve(name), port, (i == 0) ? null : ports.primary())));
		}
		this.dataNodes = List.copyOf(data);
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

	/** Starts every node and returns once the topology is whole ({@link #isWhole()}). */
	public RedisTopology start() {
		nodes().forEach(RedisNode::start);
		awaitFailoverReady();
		return this;
	}

	/**
	 * Waits until the topology is whole ({@link #isWhole()}): Sentinels can elect a
	 * leader only after they have found each other through their hello messages (every 2
	 * s), and promote only a replica they know about.
	 */
	public void awaitFailoverReady() {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (!isWhole()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Redis was not one primary with " + replicaCount()
						+ " replica(s) copying it, known to Sentinels that know each other, within "
						+ READY_TIMEOUT.toSeconds() + " s; " + sentinelLogTails());
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
		awaitFailoverReady();
	}

	/**
	 * Each Sentinel's last log lines: where a {@code +tilt} or a failed election shows.
	 */
	private String sentinelLogTails() {
		return this.sentinels.stream()
			.map((sentinel) -> "last lines of " + sentinel.name() + "'s log:\n" + sentinel.logTail())
			.collect(Collectors.joining("\n"));
	}

	/**
	 * The state a failure drill starts from: the data node the Sentinels name as primary
	 * says it is one, every other data node is its replica with the link up, and each
	 * Sentinel knows the other two and every replica as healthy. Roles alone would not
	 * do: with two replicas, one can still call itself a replica while it follows a
	 * primary that died, and a restarted node is a replica before the Sentinels see it
	 * up.
	 */
	public boolean isWhole() {
		Optional<RedisNode> primary = currentPrimary();
		return primary.isPresent() && "master".equals(primary.get().role())
				&& dataNodes().filter((node) -> node != primary.get()).allMatch((node) -> copies(node, primary.get()))
				&& this.sentinels.stream().allMatch(this::readyToFailOver);
	}

	private static boolean copies(RedisNode replica, RedisNode primary) {
		try {
			Map<String, String> info = RedisProbe.info(replica.port(), "replication");
			return "slave".equals(info.get("role")) && String.valueOf(primary.port()).equals(info.get("master_port"))
					&& "up".equals(info.get("master_link_status"));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private boolean readyToFailOver(RedisNode sentinel) {
		Map<String, String> master = fields(sentinelCommand(sentinel, "MASTER"));
		List<Map<String, String>> replicas = list(sentinelCommand(sentinel, "REPLICAS")).stream()
			.map(RedisTopology::fields)
			.toList();
		return master.getOrDefault("num-other-sentinels", "0").equals(String.valueOf(this.sentinels.size() - 1))
				&& !master.getOrDefault("flags", "down").contains("down") && replicas.size() == replicaCount()
				// a replica the Sentinels still hold down or disconnected could not be
				// promoted
				&& replicas.stream().allMatch((replica) -> "slave".equals(replica.get("flags")));
	}

	private static @Nullable Object sentinelCommand(RedisNode sentinel, String command) {
		try {
			return RedisProbe.command(sentinel.port(), Duration.ofSeconds(1), "SENTINEL", command, MASTER_NAME);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static List<?> list(@Nullable Object reply) {
		return (reply instanceof List<?> items) ? items : List.of();
	}

	/** A Sentinel's field/value list as a map. */
	private static Map<String, String> fields(@Nullable Object reply) {
		List<?> fields = list(reply);
		Map<String, String> map = new HashMap<>();
		for (int i = 0; i + 1 < fields.size(); i += 2) {
			map.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
		}
		return map;
	}

	/** The data node the Sentinels currently name as primary, if any answers. */
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

	/**
	 * The first data node, in name order, that is not the current primary: the one the
	 * local stack's {@code redis-replica} names.
	 */
	public Optional<RedisNode> currentReplica() {
		return currentPrimary().flatMap((primary) -> dataNodes().filter((node) -> node != primary).findFirst());
	}

	public RedisEndpoint.Sentinel endpoint() {
		return new RedisEndpoint.Sentinel(MASTER_NAME,
				this.sentinels.stream().map((sentinel) -> new HostPort("127.0.0.1", sentinel.port())).toList());
	}

	public Stream<RedisNode> dataNodes() {
		return this.dataNodes.stream();
	}

	/** How many data nodes replicate the primary when the topology is whole. */
	public int replicaCount() {
		return this.dataNodes.size() - 1;
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
		for (int i = this.dataNodes.size() - 1; i >= 0; i--) {
			this.dataNodes.get(i).stop();
		}
	}

	/** The ports of the first primary, of its replicas and of the Sentinels. */
	public record Ports(int primary, List<Integer> replicas, List<Integer> sentinels) {

		public Ports {
			replicas = List.copyOf(replicas);
			sentinels = List.copyOf(sentinels);
			if (replicas.isEmpty()) {
				throw new IllegalArgumentException("A topology needs at least one replica");
			}
		}

		/** A primary and one replica, the shape most tests run. */
		public Ports(int primary, int replica, List<Integer> sentinels) {
			this(primary, List.of(replica), sentinels);
		}

		public List<Integer> dataNodes() {
			return Stream.concat(Stream.of(this.primary), this.replicas.stream()).toList();
		}

		public List<Integer> all() {
			return Stream.concat(dataNodes().stream(), this.sentinels.stream()).toList();
		}

	}

}
