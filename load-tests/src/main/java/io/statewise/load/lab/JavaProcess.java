package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * A JVM the lab starts beside itself (a local stack, E7's gateway), its output in a log
 * file: waited for until it is ready, failing at once if it exits first, and stopped as
 * Ctrl-C would stop it (SIGTERM, so its own shutdown runs; its process tree killed if
 * that takes longer than its grace), on {@link #close()} or when the lab's JVM ends. The
 * lab talks to its children only over HTTP, so this small class, not the store's
 * {@code infra/embedded} process kit (with its embedded servers), is all it needs.
 */
final class JavaProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final Duration grace;

	private final Thread stopAtExit;

	private JavaProcess(Process process, Path log, Duration grace) {
		this.process = process;
		this.log = log;
		this.grace = grace;
		this.stopAtExit = new Thread(this::stop, "lab-stop-" + process.pid());
		Runtime.getRuntime().addShutdownHook(this.stopAtExit);
	}

	/**
	 * Starts {@code command} with {@code environment} added, its output into {@code log}.
	 */
	static JavaProcess start(List<String> command, Map<String, String> environment, Path log, Duration grace) {
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			return new JavaProcess(builder.start(), log, grace);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	/**
	 * Polls {@code ready} (an exception counts as not yet) until it says {@code true};
	 * stops the process and fails when it exits first or {@code patience} runs out.
	 */
	JavaProcess awaitReady(String what, Duration patience, Duration poll, Callable<Boolean> ready) {
		try {
			Awaitility.await()
				.atMost(patience)
				.pollInterval(poll)
				.ignoreExceptions()
				.failFast(what + " exited", () -> !this.process.isAlive())
				.until(ready);
			return this;
		}
		catch (RuntimeException ex) {
			close();
			throw new IllegalStateException(what + " did not become ready within " + patience.toSeconds() + " s ("
					+ ex.getMessage() + "); see " + this.log, ex);
		}
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopAtExit);
		}
		catch (IllegalStateException ex) {
			// the lab's JVM is ending: the hook is stopping the process already
		}
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(this.grace.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	/** The process and every process it started, at once. */
	private void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

}
