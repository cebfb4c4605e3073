package io.statewise.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server process that can be started, stopped gracefully, killed and restarted by name.
 * Every piece of the local stack (datastores and service instances) is one, so the
 * control API and the failure tests handle them all the same way.
 */
public interface ManagedProcess {

	/**
	 * How long the kernel may take to stop or continue a process after a signal; far more
	 * than it takes on a loaded machine (milliseconds), far less than a test's patience.
	 */
	Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);

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
	 * told. Returns once the kernel reports every thread stopped: SIGSTOP is delivered
	 * asynchronously, and on a busy machine a process can go on running for a moment
	 * after {@code kill} returned.
	 */
	default void freeze() {
		pid().ifPresent(ManagedProcess::stopTree);
	}

	/**
	 * Lets a frozen process run again (SIGCONT) and returns once the kernel no longer
	 * reports any of its threads stopped; harmless on a running one.
	 */
	default void thaw() {
		pid().ifPresent((pid) -> {
			List<Long> tree = tree(pid);
			signal(tree, "CONT");
			awaitState(tree, false);
		});
	}

	/** Whether the process is stopped by a signal, as the kernel reports it. */
	default boolean isFrozen() {
		return pid().stream().anyMatch((pid) -> threadStates(pid).anyMatch((state) -> state == 'T'));
	}

	/**
	 * The parent first, waited for until stopped, so that it cannot fork a child we would
	 * miss; then every descendant it has at that moment.
	 */
	private static List<Long> stopTree(long pid) {
		signal(List.of(pid), "STOP");
		awaitState(List.of(pid), true);
		List<Long> tree = tree(pid);
		signal(tree, "STOP");
		awaitState(tree, true);
		return tree;
	}

	private static List<Long> tree(long pid) {
		List<Long> tree = new ArrayList<>(List.of(pid));
		ProcessHandle.of(pid).ifPresent((handle) -> handle.descendants().forEach((child) -> tree.add(child.pid())));
		return tree;
	}

	/**
	 * Polls {@code /proc} until every thread of every process is stopped ({@code T}), or
	 * none is; a process that has exited meanwhile counts as both.
	 */
	private static void awaitState(List<Long> pids, boolean stopped) {
		long deadline = System.nanoTime() + SIGNAL_TIMEOUT.toNanos();
		while (!pids.stream().allMatch((pid) -> threadStates(pid).allMatch((state) -> (state == 'T') == stopped))) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("The kernel did not report " + pids
						+ (stopped ? " stopped" : " running") + " within " + SIGNAL_TIMEOUT.toSeconds() + " s");
			}
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + pids, ex);
			}
		}
	}

	/**
	 * The state letter of each thread, from {@code /proc/<pid>/task/<tid>/stat} (after
	 * the command name); a thread that is exiting or gone ({@code Z}, {@code X}) is left
	 * out.
	 */
	private static Stream<Character> threadStates(long pid) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			return tasks.map(ManagedProcess::state)
				.filter((state) -> state != 'Z' && state != 'X' && state != '?')
				.toList()
				.stream();
		}
		catch (IOException | UncheckedIOException ex) {
			return Stream.empty();
		}
	}

	private static char state(Path task) {
		try {
			String stat = Files.readString(task.resolve("stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2);
		}
		catch (IOException | RuntimeException ex) {
			return '?';
		}
	}

	/**
	 * Sends SIGKILL to a process and all of its descendants and returns once every one
	 * has exited. The parent is stopped first so that it cannot fork a child we would
	 * miss.
	 */
	static void killTree(long pid) {
		if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
			return;
		}
		List<Long> tree;
		try {
			tree = stopTree(pid);
		}
		catch (IllegalStateException ex) {
			tree = tree(pid);
		}
		List<ProcessHandle> handles = tree.stream().flatMap((member) -> ProcessHandle.of(member).stream()).toList();
		handles.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle handle : handles) {
			if (!waitForExit(handle, 10)) {
				throw new IllegalStateException("PID " + handle.pid() + " did not exit within 10 s of SIGKILL");
			}
		}
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
	 * Sends a signal by name (STOP, CONT, QUIT, ...) that {@link ProcessHandle} cannot
	 * send.
	 */
	static void signal(long pid, String signal) {
		signal(List.of(pid), signal);
	}

	private static void signal(List<Long> pids, String signal) {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		pids.forEach((pid) -> command.add(Long.toString(pid)));
		// a child that exited meanwhile (a PostgreSQL backend) is no failure
		if (run(command) != 0 && pids.stream().allMatch((pid) -> ProcessHandle.of(pid).isPresent())) {
			throw new IllegalStateException(String.join(" ", command) + " failed");
		}
	}

	private static int run(List<String> command) {
		try {
			Process kill = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return kill.waitFor();
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
