package io.statewise.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.statewise.embedded.Folders;
import io.statewise.embedded.FreePorts;
import io.statewise.embedded.PostgresServer;
import io.statewise.embedded.RedisEndpoint;
import io.statewise.embedded.RedisTopology;

/**
 * Embedded PostgreSQL and the Redis Sentinel topology on free ports in a temporary
 * folder; both are real servers, so tests exercise real SQL, real replication and real
 * failover.
 */
public final class EmbeddedDatastores implements SharedDatastores.AutoCloseableDatastores {

	private final Path dir;

	private final PostgresServer postgres;

	private final RedisTopology redis;

	private boolean redisStarted;

	private EmbeddedDatastores(Path dir, PostgresServer postgres, RedisTopology redis) {
		this.dir = dir;
		this.postgres = postgres;
		this.redis = redis;
	}

	/**
	 * A new, private set of servers; each starts on first use, so a module that needs
	 * only PostgreSQL never waits for Redis. The caller closes it.
	 */
	public static EmbeddedDatastores start() {
		Path dir = createTempDir();
		List<Integer> ports = FreePorts.find(6);
		PostgresServer postgres = new PostgresServer(dir.resolve("postgres/data"), ports.get(0));
		RedisTopology redis = new RedisTopology(dir.resolve("redis"),
				new RedisTopology.Ports(ports.get(1), ports.get(2), ports.subList(3, 6)));
		return new EmbeddedDatastores(dir, postgres, redis);
	}

	private static Path createTempDir() {
		try {
			return Files.createTempDirectory("statewise-datastores-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public synchronized PostgresServer postgres() {
		this.postgres.start();
		return this.postgres;
	}

	public synchronized RedisTopology redisTopology() {
		if (!this.redisStarted) {
			this.redis.start();
			this.redisStarted = true;
		}
		return this.redis;
	}

	@Override
	public String jdbcUrl(String database) {
		return postgres().jdbcUrl(database);
	}

	@Override
	public String username() {
		return PostgresServer.USERNAME;
	}

	@Override
	public String password() {
		return PostgresServer.PASSWORD;
	}

	@Override
	public RedisEndpoint redis() {
		return redisTopology().endpoint();
	}

	/** Stops every process by its PID and deletes the temporary folder. */
	@Override
	public synchronized void close() {
		try {
			this.redis.close();
			this.postgres.stop();
		}
		finally {
			Folders.deleteRecursively(this.dir);
		}
	}

}
