package io.statewise.embedded;

import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ManagedProcess} this JVM started itself (a Redis node, a service's JVM): how
 * it is stopped, killed and named by pid, once for all of them.
 */
public abstract class ChildProcess implements ManagedProcess {

	private final long stopSeconds;

	private volatile @Nullable Process process;

	/**
	 * @param stopSeconds how long a SIGTERM may take before the process tree is killed
	 */
	protected ChildProcess(long stopSeconds) {
		this.stopSeconds = stopSeconds;
	}

	/** Records the process just started; the subclass starts it under its own lock. */
	protected final void started(Process started) {
		this.process = started;
	}

	/**
	 * SIGTERM (thawed first: a frozen process cannot act on it), then SIGKILL if slow.
	 */
	@Override
	public synchronized void stop() {
		Process running = this.process;
		if (running != null) {
			thaw();
			running.destroy();
			if (!ManagedProcess.waitForExit(running.toHandle(), this.stopSeconds)) {
				ManagedProcess.killTree(running.pid());
			}
			this.process = null;
		}
	}

	@Override
	public synchronized void kill() {
		Process running = this.process;
		if (running != null) {
			ManagedProcess.killTree(running.pid());
			this.process = null;
		}
	}

	@Override
	public OptionalLong pid() {
		Process running = this.process;
		return (running != null && running.isAlive()) ? OptionalLong.of(running.pid()) : OptionalLong.empty();
	}

}
