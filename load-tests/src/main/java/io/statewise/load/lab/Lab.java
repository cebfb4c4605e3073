package io.statewise.load.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.statewise.load.lab.Experiment.Variant;
import org.jspecify.annotations.Nullable;

/**
 * The trade-off lab's command ({@code ./lab}, docs/lab.md): runs each experiment's
 * variants, each on a fresh local stack with the settings it needs (or on the stack
 * already running, {@code --stack}), repeats them, and writes the report. A variant that
 * fails is reported as failed and the others still run; Ctrl-C stops the stack it
 * started.
 */
public final class Lab {

	private final LabOptions options;

	private final Consumer<String> out;

	private final Instant started = Instant.now();

	private volatile @Nullable JavaProcess stack;

	private final SavedRuns saved;

	private final TimeLeft timeLeft;

	/** Whether this lab is in {@code work/runs/labs.txt} yet: with its first kept run. */
	private boolean recorded;

	public Lab(LabOptions options, Consumer<String> out) {
		this.options = options;
		this.out = out;
		this.saved = new SavedRuns(options.out());
		this.timeLeft = new TimeLeft(options);
	}

	public static void main(String[] args) {
		LabOptions options;
		try {
			options = LabOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("lab: " + ex.getMessage());
			System.exit(2);
			return;
		}
		// Ctrl-C: the stack and E7's gateway stop themselves (JavaProcess)
		Lab lab = new Lab(options, System.out::println);
		Result result = lab.run();
		System.out.println("lab: report written to " + result.report());
		System.exit(result.failedRuns() == 0 ? 0 : 1);
	}

	/**
	 * Keeps a completed run, and with the first one says which lab made it
	 * ({@link SavedRuns#recordLab}).
	 */
	private void keep(RunResult result) {
		if (result.completed() && !this.recorded) {
			this.saved.recordLab(this.started.truncatedTo(ChronoUnit.SECONDS) + ", commit " + Report.commit() + ": `"
					+ this.options.commandLine() + "`");
			this.recorded = true;
		}
		this.saved.keep(result);
	}

	/**
	 * Runs every variant of every experiment asked for, but those runs an earlier lab
	 * kept ({@code --resume}, {@link SavedRuns}), and writes the report from all of them.
	 */
	public Result run() {
		List<Variant> variants = new ArrayList<>();
		this.options.experiments().forEach((experiment) -> variants.addAll(experiment.variants(this.options)));
		Map<Variant, String> skipped = new LinkedHashMap<>();
		List<RunResult> results = new ArrayList<>();
		Path work = this.options.out().resolve("work");
		if (this.options.stack() != null) {
			ControlApi control = new ControlApi(this.options.stack());
			String mode = control.sessionMode();
			for (Variant variant : variants) {
				if (!variant.stack().label().equals(mode)) {
					skipped.put(variant, "needs a stack with " + variant.stack().label() + ", the one given runs '"
							+ mode + "' with its own settings");
				}
			}
			variants.removeAll(skipped.keySet());
			List<Planned> plan = plan(variants, results);
			this.timeLeft.start(plan, 0);
			results.addAll(runAll(plan, control, work));
		}
		else {
			List<Planned> plan = plan(variants, results);
			List<Experiment.Stack> stacks = plan.stream().map((run) -> run.variant().stack()).distinct().toList();
			this.timeLeft.start(plan, stacks.size());
			for (Experiment.Stack settings : stacks) {
				List<Planned> onThisStack = plan.stream()
					.filter((run) -> run.variant().stack().equals(settings))
					.toList();
				ControlApi control = new ControlApi("http://127.0.0.1:9000");
				try {
					say("starting a fresh local stack (" + settings.label() + ")");
					this.stack = LocalStackProcess.start(this.options.jar(), settings, work, control);
					this.timeLeft.stackStarted();
					results.addAll(runAll(onThisStack, control, work));
				}
				catch (RuntimeException ex) {
					this.timeLeft.stackStarted();
					onThisStack.forEach((run) -> {
						results.add(RunResult.failed(run.variant(), run.repetition(), ex.getMessage()));
						this.timeLeft.runDone();
					});
				}
				finally {
					stopStack();
				}
			}
		}
		say("writing the report into " + this.options.out());
		results.sort(Comparator.comparingInt((RunResult run) -> variants.indexOf(run.variant()))
			.thenComparingInt(RunResult::repetition));
		Path report = new Report(this.options, results, skipped).write();
		return new Result(report, results, skipped, (int) results.stream().filter((run) -> !run.completed()).count());
	}

	/**
	 * Each repetition of each variant still to run; those an earlier lab kept go straight
	 * into {@code kept}.
	 */
	private List<Planned> plan(List<Variant> variants, List<RunResult> kept) {
		List<Planned> plan = new ArrayList<>();
		for (Variant variant : variants) {
			for (int repetition = 1; repetition <= this.options.repetitions(); repetition++) {
				Optional<RunResult> earlier = this.saved.find(variant, repetition);
				if (earlier.isPresent()) {
					kept.add(earlier.get());
				}
				else {
					plan.add(new Planned(variant, repetition));
				}
			}
		}
		if (!kept.isEmpty()) {
			say("resuming: " + kept.size() + " runs kept from an earlier lab, " + plan.size() + " to run");
		}
		return plan;
	}

	private List<RunResult> runAll(List<Planned> plan, ControlApi control, Path work) {
		List<RunResult> results = new ArrayList<>();
		warmUp(plan.stream().map(Planned::variant).distinct().toList(), control, work);
		for (Planned run : plan) {
			Variant variant = run.variant();
			int repetition = run.repetition();
			String where = variant.label() + ", run " + repetition + "/" + this.options.repetitions();
			Consumer<String> progress = (phase) -> say(where + ": " + phase);
			try {
				say(where + ": resetting the stack");
				control.reset();
				RunResult result = (variant.experiment() == Experiment.E7)
						? new DoorPrice(this.options, control, work, progress).run(variant, repetition)
						: new Runner(this.options, control, work, progress).run(variant, repetition);
				if (!result.completed()) {
					result = RunResult.failed(variant, repetition, result.failure() + logs());
				}
				say(where + ": " + (result.completed() ? "done" : "FAILED: " + result.failure()));
				keep(result);
				results.add(result);
			}
			catch (RuntimeException | LinkageError | AssertionError ex) {
				// a run's own failure, a Gatling or library error included, is the run's;
				// only the JVM's own (out of memory) ends the lab
				say(where + ": FAILED: " + ex);
				results.add(RunResult.failed(variant, repetition, ex + logs()));
			}
			this.timeLeft.runDone();
		}
		if (this.options.stack() != null) {
			// a stack the lab was given is left whole; one it started is stopped anyway
			try {
				control.reset();
			}
			catch (RuntimeException ex) {
				say("the stack could not be reset after the runs: " + ex.getMessage());
			}
		}
		return results;
	}

	/**
	 * Once per stack, each journey its runs will drive, unmeasured ({@code --warm-up}
	 * seconds; E7 warms up its own gateway in each run). A warm-up that fails is said and
	 * the runs go on: they report what they meet.
	 */
	private void warmUp(List<Variant> variants, ControlApi control, Path work) {
		if (this.options.warmUp() == 0) {
			return;
		}
		List<LabSimulation.Journey> journeys = variants.stream()
			.filter((variant) -> variant.experiment() != Experiment.E7)
			.map(Variant::journey)
			.distinct()
			.toList();
		for (LabSimulation.Journey journey : journeys) {
			try {
				new Runner(this.options, control, work, this::say).warmUp(journey);
			}
			catch (RuntimeException ex) {
				say("the warm-up failed, the runs go on: " + ex.getMessage());
			}
		}
	}

	/** Where the stack's logs are, for a failed run's entry in the report. */
	private String logs() {
		JavaProcess running = this.stack;
		return (running != null) ? " (the stack's log: " + running.log() + ", its services' logs beside it)" : "";
	}

	private void say(String line) {
		long elapsed = Duration.between(this.started, Instant.now()).toSeconds();
		this.out.accept(String.format("lab [%3d:%02d%s] %s", elapsed / 60, elapsed % 60, this.timeLeft.left(), line));
	}

	/** One repetition of one variant, to run. */
	record Planned(Variant variant, int repetition) {

	}

	private void stopStack() {
		JavaProcess running = this.stack;
		this.stack = null;
		if (running != null) {
			say("stopping the local stack");
			running.close();
		}
	}

	/** What a lab run wrote and how many of its runs failed. */
	public record Result(Path report, List<RunResult> runs, Map<Variant, String> skipped, int failedRuns) {

		/** Each completed run as "E2 default, primary killed run 1". */
		public List<String> completedRuns() {
			return this.runs.stream()
				.filter(RunResult::completed)
				.map((run) -> run.variant().label() + " run " + run.repetition())
				.toList();
		}

		/** What broke in each run whose invariants did not hold. */
		public List<String> brokenInvariants() {
			return this.runs.stream()
				.filter((run) -> run.invariants() != null)
				.map((run) -> run.variant().label() + ": " + run.invariants())
				.toList();
		}

		/** Cart writes the probes had acknowledged, over every run. */
		public long acknowledgedWrites() {
			return this.runs.stream()
				.map(RunResult::probes)
				.filter((probes) -> probes != null)
				.mapToLong(Prober.Outcome::acknowledged)
				.sum();
		}

	}

}
