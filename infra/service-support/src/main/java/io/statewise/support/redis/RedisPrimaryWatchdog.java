package io.statewise.support.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.statewise.support.background.RepeatingTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Sends {@code PING} on the shared Lettuce connection every {@code interval}; after
 * {@code threshold} timeouts in a row it drops the connection and, on its own thread,
 * reconnects through Sentinel to whichever node is primary by then.
 * <p>
 * Why: a primary that hangs instead of dying (SIGSTOP, a paused VM, a stalled network)
 * keeps its TCP connection open, so Lettuce never notices, and keeps sending to it after
 * Sentinel has promoted the replica, until the application restarts. Lettuce 6.8 has no
 * option for this (lettuce issue #2082); its command listeners do not see client-side
 * timeouts. Only timeouts count: a closed connection (a killed primary) is Lettuce's own
 * business, it reconnects through Sentinel by itself. After a reset, further resets wait
 * {@code threshold} new timeouts, so while Sentinel has not yet promoted anyone the
 * client retries the frozen node at that pace. See docs/adr/0007-hung-redis-primary.md.
 * <p>
 * Spring Data Redis (re)creates a dropped shared connection synchronously, on whichever
 * thread asks for it first, for up to the connect timeout while Sentinel still names the
 * frozen node. A servlet thread can afford that; a Netty event loop cannot (every request
 * on the loop would wait). So the watchdog (re)creates the shared connections itself,
 * imperative and reactive, and {@link #connectionReady()} tells a caller on an event loop
 * whether Redis can be used without connecting on its thread; a caller that holds on to a
 * connection takes a fresh one in {@link #whenConnected(Runnable)}, on the watchdog's
 * thread, instead of asking the factory (and taking its lock) per command.
 */
public final class RedisPrimaryWatchdog implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisPrimaryWatchdog.class);

	private final LettuceConnectionFactory connections;

	private final Duration interval;

	private final int threshold;

	private final AtomicLong resets = new AtomicLong();

	private final List<Runnable> connectedActions = new CopyOnWriteArrayList<>();

	private int consecutiveTimeouts;

	private volatile boolean ready;

	private volatile @Nullable RepeatingTask probes;

	/**
	 * A watchdog over the given (started) connection factory: a probe every
	 * {@code interval}, a reset after {@code threshold} timeouts in a row.
	 */
	public RedisPrimaryWatchdog(LettuceConnectionFactory connections, Duration interval, int threshold) {
		this.connections = connections;
		this.interval = interval;
		this.threshold = threshold;
	}

	/**
	 * Probes once on the caller's thread, so that the connections exist when the
	 * application has started (if Redis is there), then every {@code interval} on the
	 * watchdog's own thread.
	 */
	@Override
	public void start() {
		probe();
		this.probes = RepeatingTask.start("redis-primary-watchdog", this.interval, this::probe);
	}

	void probe() {
		try {
			if (!this.ready) {
				// creates both shared connections here, blocking this thread, not a
				// caller's
				this.connections.validateConnection();
			}
			try (RedisConnection connection = this.connections.getConnection()) {
				connection.ping();
			}
			this.consecutiveTimeouts = 0;
			if (!this.ready) {
				connected();
			}
			this.ready = true;
		}
		catch (QueryTimeoutException ex) {
			if (++this.consecutiveTimeouts >= this.threshold) {
				logger.warn("Redis did not answer {} PINGs in a row: reconnecting through Sentinel",
						this.consecutiveTimeouts);
				this.consecutiveTimeouts = 0;
				this.resets.incrementAndGet();
				this.ready = false;
				this.connections.resetConnection();
			}
		}
		catch (RuntimeException ex) {
			// no connection at all: a live one reconnects by itself (Lettuce), a
			// dropped one is created again at the next probe; nothing stale to drop
			this.consecutiveTimeouts = 0;
		}
	}

	private void connected() {
		for (Runnable action : this.connectedActions) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				logger.warn("An action after connecting to Redis failed", ex);
			}
		}
	}

	/**
	 * Runs the action on the watchdog's thread each time the shared connections have been
	 * (re)created and the primary answered, before {@link #connectionReady()} says so; at
	 * once, on the caller's thread, if they are ready now. For a caller that keeps the
	 * shared connection (or an object over it) between commands: it takes the new one
	 * here, where asking the factory neither connects nor waits for its lock.
	 */
	public void whenConnected(Runnable action) {
		this.connectedActions.add(action);
		if (this.ready) {
			action.run();
		}
	}

	/**
	 * Whether the shared connections exist and the primary answered the latest probe. A
	 * caller that must not block (a Netty event loop) uses Redis only while this holds,
	 * and otherwise acts as if Redis were unavailable: while it does not hold, the first
	 * command would connect synchronously on the caller's thread. False from the start
	 * until the first probe has connected, and from a reset until the watchdog has
	 * reconnected; a caller that read {@code true} an instant before a reset may still
	 * meet the dropped connection.
	 */
	public boolean connectionReady() {
		return this.ready;
	}

	/** How many times the connection was dropped, for metrics. */
	long resets() {
		return this.resets.get();
	}

	@Override
	public void stop() {
		RepeatingTask running = this.probes;
		if (running != null) {
			running.close();
			this.probes = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.probes != null;
	}

	/** Stops before the connection factory does. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 1;
	}

}
