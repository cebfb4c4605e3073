package io.statewise.load.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fresh local stack for one variant, started as a subprocess
 * ({@code java -jar statewise-local-stack.jar --fresh}) with the settings it needs
 * ({@link Experiment.Stack}), set up for load (the {@code load} profile: full JIT, rate
 * limits out of the way), with its data and log under the lab's work folder. Closing the
 * process stops the stack as Ctrl-C would (its shutdown stops every component it
 * started).
 */
final class LocalStackProcess {

	/**
	 * How long each of the stack's JVMs may take to become ready: full-JIT JVMs (three
	 * instances of each service in E5) starting at once on two cores can take minutes.
	 */
	private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);

	private LocalStackProcess() {
	}

	static JavaProcess start(Path jar, Experiment.Stack stack, Path work, ControlApi control) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No local stack at " + jar + ": build it first (./lab does)");
		}
		if (answers(control)) {
			// else the lab would wait for the fresh stack and measure that one instead
			throw new IllegalStateException("A local stack already answers at " + control.url()
					+ ": stop it, or run the lab on it with --stack=" + control.url());
		}
		Path data = stack.dataDir(work);
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				jar.toString(), "--fresh", "--spring.profiles.active=load", "--stack.data-dir=" + data,
				"--stack.ready-timeout=" + READY_TIMEOUT.toSeconds() + "s"));
		command.addAll(stack.arguments());
		// the datastores first, then every JVM at once, each given READY_TIMEOUT
		return JavaProcess.start(command, Map.of(), work.resolve(data.getFileName() + ".log"), Duration.ofMinutes(3))
			.awaitReady("The local stack", READY_TIMEOUT.plusMinutes(2), Duration.ofSeconds(2), () -> control
				.components()
				.stream()
				.allMatch((component) -> component.state().equals("RUNNING") && !component.health().equals("DOWN")));
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

}
