package io.statewise.embedded;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A server process that can be started, stopped gracefully, killed and restarted by name.
 * Every piece of the local stack (datastores and service instances) is one, so the
 * control API and the failure tests handle them all the same way.
 */
public interface ManagedProcess {

	String name();

	/** Starts the process and returns once it accepts connections. */
	void start();

	/** Asks the process to shut down (SIGTERM or its own shutdown command) and waits. */
	void stop();

	/** Ends the process with SIGKILL, like a crash; nothing gets a chance to clean up. */
	void kill();

	/** The operating-system process id, while running. */
	OptionalLong pid();

	default boolean isRunning() {
		return pid().isPresent();
	}

	default void restart() {
		stop();
		start();
	}

	/** Sends SIGKILL to a process and all of its descendants, then waits for them. */
	static void killTree(long pid) {
		ProcessHandle.of(pid).ifPresent((handle) -> {
			handle.descendants().forEach(ProcessHandle::destroyForcibly);
			handle.destroyForcibly();
			waitForExit(handle, 10);
		});
	}

	static boolean waitForExit(ProcessHandle handle, long seconds) {
		try {
			handle.onExit().get(seconds, TimeUnit.SECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			return !handle.isAlive();
		}
	}

	/**
	 * Sends a signal by name (STOP, CONT, ...) that {@link ProcessHandle} cannot send.
	 */
	static void signal(long pid, String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run kill -" + signal + " " + pid, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signalling " + pid, ex);
		}
	}

}
