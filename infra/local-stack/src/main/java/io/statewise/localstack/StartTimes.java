package io.statewise.localstack;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How long a start took, as the person who typed {@code ./statewise} counts it: from the
 * command, which passes its own start time ({@code -Dstatewise.command-started}, epoch
 * milliseconds), through the build and the launcher's own JVM start, to the stack.
 *
 * @param command when the command was typed, if the script said
 * @param launcher when this JVM started
 * @param stack when the stack's components began to start
 * @param ready when every one was ready
 */
record StartTimes(@Nullable Instant command, Instant launcher, Instant stack, Instant ready) {

	static final String COMMAND_STARTED = "statewise.command-started";

	static StartTimes since(Instant stack) {
		String command = System.getProperty(COMMAND_STARTED);
		Instant typed = null;
		if (command != null && command.matches("\\d{10,}")) {
			typed = Instant.ofEpochMilli(Long.parseLong(command));
		}
		return new StartTimes(typed, Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()), stack,
				Instant.now());
	}

	/** {@code 64.2 s from the command (build 16.0 s, launcher 3.1 s, stack 45.1 s)} */
	@Override
	public String toString() {
		String stackPart = "stack " + seconds(this.stack, this.ready);
		if (this.command == null) {
			return seconds(this.launcher, this.ready) + " (launcher " + seconds(this.launcher, this.stack) + ", "
					+ stackPart + ")";
		}
		return seconds(this.command, this.ready) + " from the command (build " + seconds(this.command, this.launcher)
				+ ", launcher " + seconds(this.launcher, this.stack) + ", " + stackPart + ")";
	}

	private static String seconds(Instant from, Instant to) {
		return "%.1f s".formatted(Math.max(0, Duration.between(from, to).toMillis()) / 1000.0);
	}

}
