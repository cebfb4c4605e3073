package io.statewise.session.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@code WAIT 1 <timeout>} on the connection that just wrote the session. Lettuce shares
 * one native connection across threads by default, so the WAIT covers this request's
 * write (and any earlier one on that connection). Spring Data Redis has no WAIT command,
 * hence the native call.
 */
public final class ReplicaAcknowledgement {

	private final RedisConnectionFactory connections;

	private final Duration timeout;

	ReplicaAcknowledgement(RedisConnectionFactory connections, Duration timeout) {
		this.connections = connections;
		this.timeout = timeout;
	}

	@SuppressWarnings("unchecked")
	void await() {
		try (RedisConnection connection = this.connections.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			Long replicas = commands.waitForReplication(1, this.timeout.toMillis())
				.get(this.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
			if (replicas == null || replicas < 1) {
				throw new ReplicaUnavailableException(this.timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReplicaUnavailableException(this.timeout);
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new RedisSystemException("WAIT for a replica failed", ex);
		}
	}

	/**
	 * No replica acknowledged the session in time: the write is not durable, so the
	 * request fails.
	 */
	public static final class ReplicaUnavailableException extends RuntimeException {

		ReplicaUnavailableException(Duration timeout) {
			super("No Redis replica acknowledged the session within " + timeout.toMillis() + " ms");
		}

	}

}
