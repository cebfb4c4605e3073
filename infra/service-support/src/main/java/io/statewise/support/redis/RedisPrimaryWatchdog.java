package io.statewise.support.redis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Sends {@code PING} on the shared Lettuce connection every {@code interval}; after
 * {@code threshold} timeouts in a row it drops the connection, so the next command
 * reconnects through Sentinel and reaches whichever node is primary by then.
 * <p>
 * Why: a primary that hangs instead of dying (SIGSTOP, a paused VM, a stalled network)
 * keeps its TCP connection open, so Lettuce never notices, and keeps sending to it after
 * Sentinel has promoted the replica, until the application restarts. Lettuce 6.8 has no
 * option for this (lettuce issue #2082); its command listeners do not see client-side
 * timeouts. Only timeouts count: a closed connection (a killed primary) is Lettuce's own
 * business, it reconnects through Sentinel by itself. After a reset, further resets wait
 * {@code threshold} new timeouts, so while Sentinel has not yet promoted anyone the
 * client retries the frozen node at that pace. See docs/adr/0007-hung-redis-primary.md.
 */
final class RedisPrimaryWatchdog implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisPrimaryWatchdog.class);

	private final LettuceConnectionFactory connections;

	private final Duration interval;

	private final int threshold;

	private final AtomicLong resets = new AtomicLong();

	private int consecutiveTimeouts;

	private volatile ScheduledExecutorService scheduler;

	RedisPrimaryWatchdog(LettuceConnectionFactory connections, Duration interval, int threshold) {
		this.connections = connections;
		this.interval = interval;
		this.threshold = threshold;
	}

	@Override
	public void start() {
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "redis-primary-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		started.scheduleWithFixedDelay(this::probe, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = started;
	}

	void probe() {
		try (RedisConnection connection = this.connections.getConnection()) {
			connection.ping();
			this.consecutiveTimeouts = 0;
		}
		catch (QueryTimeoutException ex) {
			if (++this.consecutiveTimeouts >= this.threshold) {
				logger.warn("Redis did not answer {} PINGs in a row: reconnecting through Sentinel",
						this.consecutiveTimeouts);
				this.consecutiveTimeouts = 0;
				this.resets.incrementAndGet();
				this.connections.resetConnection();
			}
		}
		catch (RuntimeException ex) {
			// no connection at all: Lettuce reconnects by itself; nothing stale to drop
			this.consecutiveTimeouts = 0;
		}
	}

	/** How many times the connection was dropped, for metrics. */
	long resets() {
		return this.resets.get();
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.scheduler;
		if (running != null) {
			running.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/** Stops before the connection factory does. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE + 1;
	}

}
