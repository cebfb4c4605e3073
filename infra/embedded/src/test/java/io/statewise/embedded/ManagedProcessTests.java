package io.statewise.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Freeze and thaw on a busy machine: more busy processes than cores, so the one signalled
 * often waits for a CPU before it can act on SIGSTOP. Protects "an action returns once
 * done": a freeze that answered while the process still ran made the control API report
 * {@code RUNNING} for a frozen component.
 */
class ManagedProcessTests {

	private final List<Process> busy = new ArrayList<>();

	@AfterEach
	void stopBusyProcesses() {
		this.busy.forEach((process) -> ManagedProcess.killTree(process.pid()));
	}

	@Test
	void freezeShouldReturnOnlyOnceTheKernelReportsTheProcessStoppedAndThawOnceItRuns() {
		List<ManagedProcess> processes = List.of(busyLoop(), busyLoop(), busyLoop(), busyLoop());
		for (int round = 0; round < 25; round++) {
			for (ManagedProcess process : processes) {
				process.freeze();
				assertThat(state(process)).as("round %d, state after freeze", round).isEqualTo('T');
				process.thaw();
				assertThat(state(process)).as("round %d, state after thaw", round).isNotEqualTo('T');
			}
		}
	}

	@Test
	void killTreeShouldReturnOnlyOnceTheProcessAndItsChildrenHaveExited() {
		ManagedProcess parent = start("sh", "-c", "sleep 600 & sleep 600 & wait");
		long pid = parent.pid().orElseThrow();
		List<ProcessHandle> tree = new ArrayList<>(List.of(ProcessHandle.of(pid).orElseThrow()));
		await().until(() -> ProcessHandle.of(pid).orElseThrow().children().count() == 2);
		tree.addAll(ProcessHandle.of(pid).orElseThrow().children().toList());

		ManagedProcess.killTree(pid);

		assertThat(tree).noneMatch(ProcessHandle::isAlive);
	}

	private ManagedProcess busyLoop() {
		return start("sh", "-c", "while :; do :; done");
	}

	private ManagedProcess start(String... command) {
		try {
			Process process = new ProcessBuilder(command).start();
			this.busy.add(process);
			return new Child(process);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The state letter in {@code /proc/<pid>/stat}: T when stopped by a signal. */
	private static char state(ManagedProcess process) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(process.pid().orElseThrow()), "stat"));
			return stat.charAt(stat.lastIndexOf(')') + 2);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Child(Process process) implements ManagedProcess {

		@Override
		public String name() {
			return "busy-" + this.process.pid();
		}

		@Override
		public void start() {
		}

		@Override
		public void stop() {
			this.process.destroy();
		}

		@Override
		public void kill() {
			ManagedProcess.killTree(this.process.pid());
		}

		@Override
		public OptionalLong pid() {
			return this.process.isAlive() ? OptionalLong.of(this.process.pid()) : OptionalLong.empty();
		}

	}

}
