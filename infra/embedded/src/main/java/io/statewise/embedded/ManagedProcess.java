package io.statewise.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

	/**
	 * Freezes the process and its children with SIGSTOP: it keeps its sockets open and
	 * the kernel still accepts connections for it, but it answers nothing, like a hung
	 * server, a long blocking command or a paused VM. Unlike a kill, clients are not
	 * told.
	 */
	default void freeze() {
		pid().ifPresent((pid) -> signalTree(pid, "STOP"));
	}

	/** Lets a frozen process run again (SIGCONT); harmless on a running one. */
	default void thaw() {
		pid().ifPresent((pid) -> signalTree(pid, "CONT"));
	}

	/** Whether the process is stopped by a signal, as the kernel reports it. */
	default boolean isFrozen() {
		return pid().stream().anyMatch(ManagedProcess::isStopped);
	}

	private static void signalTree(long pid, String signal) {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
		ProcessHandle.of(pid)
			.ifPresent((handle) -> handle.descendants().forEach((child) -> command.add(Long.toString(child.pid()))));
		run(command);
	}

	/**
	 * {@code /proc/<pid>/stat}: the state letter after the command name, T when stopped.
	 */
	private static boolean isStopped(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
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
		run(List.of("kill", "-" + signal, Long.toString(pid)));
	}

	private static void run(List<String> command) {
		try {
			Process kill = new ProcessBuilder(command).inheritIO().start();
			if (kill.waitFor() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted: " + String.join(" ", command), ex);
		}
	}

}
