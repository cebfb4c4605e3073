package io.statewise.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many Redis replicas the data folder was made with, kept beside the nodes' folders.
 * The Sentinels write every replica they have seen into their configuration and never
 * forget one: a stack restarted on that folder with fewer replicas would wait for the
 * missing one until its ready timeout, and one with more would start the new replica
 * following {@code redis-1}, which a failover may have made a replica itself. So a change
 * of {@code stack.redis-replicas} needs {@code --fresh}, and is refused without it.
 */
final class RedisReplicaCount {

	private RedisReplicaCount() {
	}

	/**
	 * Records the count in a new folder; refuses another count in a folder made with one
	 * (a folder from before the option existed was made with 1).
	 */
	static void keep(Path redisDir, int replicas) {
		Path file = redisDir.resolve("replicas");
		try {
			int made = Files.exists(file) ? Integer.parseInt(Files.readString(file).trim())
					: Files.exists(redisDir.resolve("redis-1")) ? 1 : replicas;
			if (made != replicas) {
				throw new IllegalStateException(
						"The Redis data in " + redisDir + " was made with " + made + " replica(s), not " + replicas
								+ " (--stack.redis-replicas): start with --fresh to change it");
			}
			Files.createDirectories(redisDir);
			Files.writeString(file, String.valueOf(replicas));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the Redis replica count in " + file, ex);
		}
	}

}
