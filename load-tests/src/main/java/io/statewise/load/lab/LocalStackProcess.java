package io.statewise.load.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A fresh local stack for one variant, started as a subprocess
 * ({@code java -jar statewise-local-stack.jar --fresh}) with the settings it needs
 * ({@link Experiment.Stack}), set up for load (the {@code load} profile: full JIT, rate
 * limits out of the way), with its data and log under the lab's work folder. Closing it
 * stops the stack as Ctrl-C would (its shutdown stops every component it started).
 */
final class LocalStackProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private LocalStackProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static LocalStackProcess start(Path jar, Experiment.Stack stack, Path work, ControlApi control) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No local stack at " + jar + ": build it first (./lab does)");
		}
		if (answers(control)) {
			// else the lab would wait for the fresh stack and measure that one instead
			throw new IllegalStateException("A local stack already answers at " + control.url()
					+ ": stop it, or run the lab on it with --stack=" + control.url());
		}
		Path data = work.resolve("stack-" + stack.slug());
		Path log = work.resolve("stack-" + stack.slug() + ".log");
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				jar.toString(), "--fresh", "--spring.profiles.active=load", "--stack.data-dir=" + data));
		command.addAll(stack.arguments());
		try {
			Files.createDirectories(work);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			LocalStackProcess started = new LocalStackProcess(builder.start(), log);
			started.awaitReady(control);
			return started;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Could not start the local stack: " + command, ex);
		}
	}

	private static boolean answers(ControlApi control) {
		try {
			control.components();
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Every component running and healthy, as the control API says. */
	private void awaitReady(ControlApi control) {
		try {
			Awaitility.await()
				.atMost(Duration.ofMinutes(6))
				.pollInterval(Duration.ofSeconds(2))
				.ignoreExceptions()
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException("The local stack exited; see " + this.log);
					}
					return control.components()
						.stream()
						.allMatch((component) -> component.state().equals("RUNNING")
								&& !component.health().equals("DOWN"));
				});
		}
		catch (RuntimeException ex) {
			close();
			throw new IllegalStateException("The local stack did not become ready; see " + this.log, ex);
		}
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		stop(this.process, Duration.ofMinutes(3));
	}

	/**
	 * Asks the process to stop (SIGTERM: its shutdown runs), and kills it and its
	 * descendants if it has not ended within {@code grace}.
	 */
	static void stop(Process process, Duration grace) {
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
	}

}
