package io.statewise.load.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.statewise.load.lab.Lab.Planned;

/**
 * The lab's time left, for its progress lines: each run still to come and each stack
 * still to start at a rough price ({@link #price}), scaled by how the work done so far
 * compared with its price on this machine. A full lab takes hours; this says how many.
 */
final class TimeLeft {

	/** A fresh stack: its JVMs starting with the full JIT, then its warm-up. */
	private static final long STACK_SECONDS = 150;

	/** A run beyond its load: the reset, the accounts, the checks afterwards. */
	private static final long RUN_SECONDS = 60;

	private final LabOptions options;

	private Instant started = Instant.now();

	/** When the last stack started or run ended, counted from {@link #started}. */
	private long markSeconds;

	private long runsPriced;

	private long donePriced;

	private int runsLeft;

	private long runsLeftPriced;

	private int stacksLeft;

	TimeLeft(LabOptions options) {
		this.options = options;
	}

	/**
	 * The lab is about to run {@code plan}, starting {@code stacks} fresh stacks for it.
	 */
	synchronized void start(List<Planned> plan, int stacks) {
		this.started = Instant.now();
		this.runsLeft = plan.size();
		this.runsLeftPriced = plan.stream().mapToLong((run) -> price(run.variant())).sum();
		this.runsPriced = this.runsLeftPriced;
		this.stacksLeft = stacks;
		this.donePriced = 0;
		this.markSeconds = 0;
	}

	synchronized void stackStarted() {
		if (this.stacksLeft > 0) {
			this.stacksLeft--;
			this.donePriced += stackSeconds();
			this.markSeconds = elapsed();
		}
	}

	/**
	 * A run ended (completed or not); runs end in the order planned, at the price of the
	 * average run left.
	 */
	synchronized void runDone() {
		if (this.runsLeft > 0) {
			long price = this.runsLeftPriced / this.runsLeft;
			this.runsLeft--;
			this.runsLeftPriced -= price;
			this.donePriced += price;
			this.markSeconds = elapsed();
		}
	}

	/**
	 * {@code ", about 2 h 10 min left"}, or nothing before the plan is known or after it.
	 */
	synchronized String left() {
		if (this.runsLeft == 0 && this.stacksLeft == 0) {
			return "";
		}
		double priced = this.runsLeftPriced + (double) this.stacksLeft * stackSeconds();
		// the machine's own pace once a tenth of the work is done, the price list's
		// before;
		// less what the work under way has taken so far
		double scale = (this.donePriced * 10 >= this.runsPriced && this.donePriced > 0)
				? (double) this.markSeconds / this.donePriced : 1;
		return ", about " + describe(Math.round(priced * scale) - (elapsed() - this.markSeconds)) + " left";
	}

	private long elapsed() {
		return Duration.between(this.started, Instant.now()).toSeconds();
	}

	private long stackSeconds() {
		return STACK_SECONDS + this.options.warmUp();
	}

	/** What one run of {@code variant} costs, roughly, in seconds. */
	long price(Experiment.Variant variant) {
		return RUN_SECONDS + ((variant.experiment() == Experiment.E7) ? this.options.warmUp() + this.options.duration()
				: this.options.loadSeconds());
	}

	static String describe(long seconds) {
		long minutes = Math.max(1, (seconds + 30) / 60);
		return (minutes < 60) ? minutes + " min" : (minutes / 60) + " h " + (minutes % 60) + " min";
	}

}
