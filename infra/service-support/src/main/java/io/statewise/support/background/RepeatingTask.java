package io.statewise.support.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run again and again on a daemon thread of its own, each run starting a fixed
 * delay after the previous one ended, until closed. For work that may wait on a datastore
 * (a probe, a sync) and so must never run on a request's thread.
 */
public final class RepeatingTask implements AutoCloseable {

	private final ScheduledExecutorService thread;

	private RepeatingTask(ScheduledExecutorService thread) {
		this.thread = thread;
	}

	/** Runs {@code task} first one {@code delay} from now, on a thread named so. */
	public static RepeatingTask start(String threadName, Duration delay, Runnable task) {
		ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread daemon = new Thread(runnable, threadName);
			daemon.setDaemon(true);
			return daemon;
		});
		long nanos = delay.toNanos();
		thread.scheduleWithFixedDelay(task, nanos, nanos, TimeUnit.NANOSECONDS);
		return new RepeatingTask(thread);
	}

	/** Stops the thread, interrupting a run under way. */
	@Override
	public void close() {
		this.thread.shutdownNow();
	}

}
