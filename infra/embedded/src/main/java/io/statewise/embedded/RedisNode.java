package io.statewise.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code redis-server} process (a data node or a Sentinel) with its own folder and
 * configuration file. We launch the process ourselves rather than through embedded-redis'
 * {@code RedisServer} because the failure tests need its PID (to kill or freeze it) and a
 * configuration file that Redis and Sentinel may rewrite, so a restart keeps the role
 * that failover gave the node.
 */
public final class RedisNode extends ChildProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

	private final String name;

	private final int port;

	private final boolean sentinel;

	private final Path executable;

	private final Path dir;

	private final List<String> initialConfig;

	RedisNode(String name, int port, boolean sentinel, Path executable, Path dir, List<String> initialConfig) {
		super(15);
		this.name = name;
		this.port = port;
		this.sentinel = sentinel;
		this.executable = executable;
		this.dir = dir;
		this.initialConfig = List.copyOf(initialConfig);
	}

	@Override
	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public boolean isSentinel() {
		return this.sentinel;
	}

	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		try {
			Files.createDirectories(this.dir);
			Path config = this.dir.resolve(this.sentinel ? "sentinel.conf" : "redis.conf");
			if (Files.notExists(config)) {
				Files.write(config, this.initialConfig);
			}
			List<String> command = new ArrayList<>(List.of(this.executable.toString(), config.toString()));
			if (this.sentinel) {
				command.add("--sentinel");
			}
			Process started = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("redis.log").toFile()))
				.start();
			started(started);
			awaitPong(started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name, ex);
		}
	}

	private void awaitPong(Process started) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (!RedisProbe.ping(this.port)) {
			if (!started.isAlive() || Instant.now().isAfter(deadline)) {
				kill();
				throw new IllegalStateException(this.name + " did not answer PING on port " + this.port
						+ " (is the port in use?); last lines of " + this.dir.resolve("redis.log") + ":\n" + logTail());
			}
			sleep(Duration.ofMillis(50));
		}
	}

	/** The last lines of this node's log, for a failure message. */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.dir.resolve("redis.log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	/**
	 * The role Redis reports: {@code master}, {@code slave} or {@code sentinel}; empty if
	 * unreachable.
	 */
	public String role() {
		try {
			return RedisProbe.info(this.port, "replication").getOrDefault("role", this.sentinel ? "sentinel" : "");
		}
		catch (IOException ex) {
			return "";
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	@Override
	public String toString() {
		return this.name + "@" + this.port;
	}

}
