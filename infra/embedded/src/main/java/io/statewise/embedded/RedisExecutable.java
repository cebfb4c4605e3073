package io.statewise.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.core.ExecutableProvider;

/**
 * Finds a {@code redis-server}: the one on {@code PATH} when present (Debian's is Redis
 * 7), else the Redis 6.2 binary bundled in embedded-redis, copied into a folder we own.
 */
public final class RedisExecutable {

	private RedisExecutable() {
	}

	public static Path locate(Path binDir) {
		try {
			return ExecutableProvider.newExecutableInPath("redis-server").get().toPath();
		}
		catch (IOException notOnPath) {
			try {
				Files.createDirectories(binDir);
				File bundled = ExecutableProvider.newJarResourceProvider(binDir.toFile()).get();
				return bundled.toPath();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No redis-server on PATH and the bundled one could not be copied", ex);
			}
		}
	}

}
