package io.statewise.gateway.ratelimit;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.ReactiveRedisClusterConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The shared reactive Redis connection, taken from the connection factory once per
 * (re)connection, off the request path, and handed out to every command. Why: Spring Data
 * Redis's {@code LettuceConnectionFactory#getReactiveConnection()} takes the factory's
 * lock on every call, and the watchdog holds that lock while it reconnects to a frozen
 * primary (up to the connect timeout), so a request thread asking the factory per command
 * could wait there (docs/adr/0010, 0021). The watchdog calls {@link #refresh()} on its
 * own thread after each (re)connection; without a watchdog it is taken once at start
 * (Lettuce then reconnects the same connection by itself). Closing what this hands out
 * closes nothing: a shared connection only ends with the factory or a reset.
 */
final class EstablishedReactiveConnection implements ReactiveRedisConnectionFactory {

	private final LettuceConnectionFactory factory;

	private volatile @Nullable ReactiveRedisConnection connection;

	EstablishedReactiveConnection(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	/** Takes the factory's current shared connection; never on a request thread. */
	void refresh() {
		this.connection = this.factory.getReactiveConnection();
	}

	/**
	 * The connection taken at the last (re)connection; an error, never a wait, if there
	 * is none yet.
	 */
	@Override
	public ReactiveRedisConnection getReactiveConnection() {
		ReactiveRedisConnection established = this.connection;
		if (established == null) {
			throw new RedisConnectionFailureException("Redis has not been connected yet");
		}
		return established;
	}

	@Override
	public ReactiveRedisClusterConnection getReactiveClusterConnection() {
		throw new UnsupportedOperationException("Redis is reached through Sentinel, not as a cluster");
	}

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		return this.factory.translateExceptionIfPossible(ex);
	}

}
