package io.statewise.inventory.system;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import io.statewise.support.background.RepeatingTask;

/**
 * Asks a datastore whether it answers, on a thread of its own at a fixed delay, and keeps
 * the last answer for a health indicator to report at once. A probe must never wait on a
 * dead or hung database: Hikari's connection timeout (1 s) alone is as long as the
 * gateway waits for a readiness answer.
 */
final class BackgroundCheck implements AutoCloseable {

	private final BooleanSupplier check;

	private final RepeatingTask checks;

	private volatile boolean up;

	private volatile Instant checkedAt;

	/** Checks once before returning, so the first report is an answer, not a guess. */
	BackgroundCheck(String name, BooleanSupplier check, Duration delay) {
		this.check = check;
		run();
		this.checks = RepeatingTask.start("readiness-" + name, delay, this::run);
	}

	private void run() {
		boolean answered;
		try {
			answered = this.check.getAsBoolean();
		}
		catch (RuntimeException ex) {
			answered = false;
		}
		this.up = answered;
		this.checkedAt = Instant.now();
	}

	boolean isUp() {
		return this.up;
	}

	Instant checkedAt() {
		return this.checkedAt;
	}

	@Override
	public void close() {
		this.checks.close();
	}

}
