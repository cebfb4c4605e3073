package io.statewise.session.store;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConverters;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Durable mode's session write: the fenced write script, then {@code WAIT 1 <timeout>},
 * on a connection of its own. {@code WAIT} covers the writes of the connection it is sent
 * on, and blocks that connection until a replica acknowledges or the timeout passes: on
 * the connection every request shares (Lettuce's default), one write waiting for a
 * missing replica would hold up every other request's Redis command and the watchdog's
 * {@code PING} behind it. A new connection per write, asked of Sentinel each time, also
 * always finds the current primary; it costs a connect per write, which is part of what
 * durable mode costs (docs/adr/0005). One replica, however many there are: with two, an
 * acknowledged write survives losing any one node, and writes go on after a failover;
 * {@code WAIT 2} would refuse them again whenever one node is away.
 */
public final class ReplicaAcknowledgement {

	private final RedisClient client;

	private final RedisURI primary;

	private final Duration timeout;

	private final Duration commandTimeout;

	ReplicaAcknowledgement(LettuceConnectionFactory connections, Duration timeout) {
		this.client = (RedisClient) connections.getNativeClient();
		RedisSentinelConfiguration sentinel = connections.getSentinelConfiguration();
		this.primary = (sentinel != null) ? LettuceConverters.sentinelConfigurationToRedisURI(sentinel)
				: RedisURI.create(connections.getStandaloneConfiguration().getHostName(),
						connections.getStandaloneConfiguration().getPort());
		this.timeout = timeout;
		this.commandTimeout = Duration.ofMillis(connections.getTimeout());
	}

	/** Runs the script and waits for one replica; the script's answer. */
	@SuppressWarnings("rawtypes")
	List<Object> write(RedisScript<List> script, List<String> keys, Object[] args) {
		byte[][] keyBytes = keys.stream().map(String::getBytes).toArray(byte[][]::new);
		byte[][] argBytes = Arrays.stream(args).map(byte[].class::cast).toArray(byte[][]::new);
		try (StatefulRedisConnection<byte[], byte[]> connection = this.client.connect(ByteArrayCodec.INSTANCE,
				this.primary)) {
			connection.setTimeout(this.commandTimeout.plus(this.timeout));
			RedisCommands<byte[], byte[]> commands = connection.sync();
			List<Object> answer = commands.eval(script.getScriptAsString(), ScriptOutputType.MULTI, keyBytes, argBytes);
			if (answer.isEmpty() || !(answer.get(0) instanceof Long status) || status < 0) {
				return answer;
			}
			Long replicas = commands.waitForReplication(1, this.timeout.toMillis());
			if (replicas == null || replicas < 1) {
				throw new ReplicaUnavailableException(this.timeout);
			}
			return answer;
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
