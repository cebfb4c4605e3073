package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.statewise.embedded.ManagedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PIDs (with start times, so a recycled PID is never mistaken for ours) of every
 * process the stack runs. If the stack's own JVM is killed with SIGKILL its children live
 * on; the next start finds them here and ends them before claiming their ports.
 */
final class PidFile {

	private static final Logger logger = LoggerFactory.getLogger(PidFile.class);

	private final Path file;

	PidFile(Path file) {
		this.file = file;
	}

	synchronized void write(List<ManagedProcess> processes) {
		StringBuilder lines = new StringBuilder();
		for (ManagedProcess process : processes) {
			process.pid()
				.ifPresent((pid) -> startTime(pid).ifPresent((start) -> lines.append(process.name())
					.append(' ')
					.append(pid)
					.append(' ')
					.append(start.toEpochMilli())
					.append('\n')));
		}
		try {
			Files.createDirectories(this.file.getParent());
			Files.writeString(this.file, lines);
		}
		catch (IOException ex) {
			logger.warn("Could not write {}: {}", this.file, ex.getMessage());
		}
	}

	void killLeftovers() {
		if (Files.notExists(this.file)) {
			return;
		}
		try {
			for (String line : Files.readAllLines(this.file)) {
				String[] fields = line.split(" ");
				if (fields.length == 3) {
					long pid = Long.parseLong(fields[1]);
					long start = Long.parseLong(fields[2]);
					if (startTime(pid).filter((actual) -> actual.toEpochMilli() == start).isPresent()) {
						logger.warn("Killing {} (PID {}), left running by an earlier stack that did not stop cleanly",
								fields[0], pid);
						ManagedProcess.signal(pid, "CONT");
						ManagedProcess.killTree(pid);
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not read {}: {}", this.file, ex.getMessage());
		}
	}

	private static Optional<Instant> startTime(long pid) {
		return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap((handle) -> handle.info().startInstant());
	}

}
