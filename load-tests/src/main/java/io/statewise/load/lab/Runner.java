package io.statewise.load.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.gatling.app.Gatling$;
import io.statewise.load.CartWorkload;
import io.statewise.load.ClientSeconds;
import io.statewise.load.LoadInvariants;
import io.statewise.load.lab.Experiment.Fault;
import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.LabSimulation.Journey;
import io.statewise.load.lab.RunResult.ClientRow;
import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.Measures;
import io.statewise.load.lab.RunResult.RequestRow;
import org.jspecify.annotations.Nullable;

/**
 * One repetition of one variant against a running stack: probes log in, Gatling drives
 * the variant's journey at the lab's rate in this JVM while the sampler records every
 * component each second, the fault comes at its second of the load (counted from the
 * first request the load sent, {@link ClientSeconds#awaitFirstRequest}), then the probes
 * read their carts back and the invariants are checked. A fault may be undone after a
 * while (thawed, started again): the outage's end is when that action returned.
 */
final class Runner {

	/**
	 * Accounts the load's users log in with, in turn (each user has a session and a cart
	 * of its own either way); few in the short lab, where sign-ups (BCrypt) would take
	 * most of its time.
	 */
	private static int accounts(LabOptions options) {
		return options.quick() ? 4 : 20;
	}

	/**
	 * How long preparing accounts may take: a cold JVM's first sign-ups (BCrypt in
	 * unoptimised code) can outlast the gateway's time limit.
	 */
	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final LabOptions options;

	private final ControlApi control;

	private final Path work;

	private final Consumer<String> progress;

	Runner(LabOptions options, ControlApi control, Path work, Consumer<String> progress) {
		this.options = options;
		this.control = control;
		this.work = work;
		this.progress = progress;
	}

	RunResult run(Variant variant, int repetition) {
		ClientSeconds.reset();
		AtomicLong faultStart = new AtomicLong(-1);
		AtomicLong faultEnd = new AtomicLong(-1);
		AtomicReference<String> faultError = new AtomicReference<>();
		try (Sampler sampler = new Sampler(this.control, variant.experiment().gauges()).start();
				Prober prober = new Prober(this.options.gateway(), this.options.probes(), this.options.probeInterval());
				CatalogProbe catalog = new CatalogProbe(this.options.gateway(), this.options.probeInterval())) {
			this.progress.accept("preparing: accounts for the probes and the load");
			prober.prepare(PATIENCE);
			Thread fault = new Thread(() -> inject(variant, prober, catalog, faultStart, faultEnd, faultError),
					"lab-fault");
			fault.setDaemon(true);
			int status = load(variant.journey(), levels(variant), variant.label() + " run " + repetition, fault::start);
			fault.join(Duration.ofSeconds(this.options.freeze() + 60).toMillis());
			long start = ClientSeconds.awaitFirstRequest(Duration.ZERO);
			this.progress.accept("checking: the probes read their carts, then the invariants");
			Prober.Outcome outcome = prober.finish((faultStart.get() < 0) ? Long.MAX_VALUE : faultStart.get(),
					Duration.ofSeconds(30));
			catalog.close();
			String invariants = invariants();
			if ((variant.fault() != null && faultStart.get() < 0) || faultError.get() != null) {
				return RunResult.failed(variant, repetition, "the fault was not injected or not undone ("
						+ faultError.get() + "; Gatling's status " + status + ")");
			}
			long startSecond = start / 1000;
			List<ClientRow> client = RunResult.clientRows(ClientSeconds.seconds(), startSecond);
			List<RequestRow> requests = RunResult.requestRows(ClientSeconds.seconds(), startSecond);
			List<ComponentRow> components = componentRows(sampler.samples(), startSecond);
			// without a fault the steady state is the whole load after the ramp
			double from = (faultStart.get() > 0) ? (faultStart.get() - start) / 1000.0 : loadSeconds(variant);
			double to = (faultEnd.get() > 0) ? (faultEnd.get() - start) / 1000.0 : loadSeconds(variant);
			Map<String, Double> figures = new HashMap<>(
					figures(requests, components, from, (faultEnd.get() > 0) ? to : Double.NaN));
			figures.put("staleAnswers", Figures.growth(components, "inventory-service",
					Experiment.CATALOG_CACHE + "{" + Experiment.STALE + "}"));
			figures.put("maxStaleAge", CatalogProbe.oldestStale(catalog.answers(), faultStart.get(), Long.MAX_VALUE));
			figures.put("pauseMillis", (faultEnd.get() > 0) ? faultEnd.get() - faultStart.get() : Double.NaN);
			figures.put("failovers", Figures.failovers(components));
			if (variant.experiment() == Experiment.E5) {
				figures.putAll(ScaleOut.figures(requests, components, ScaleOut.stages(this.options),
						this.options.p99Target()));
			}
			double faultAt = (variant.fault() != null) ? from : -1;
			return new RunResult(variant, repetition, client, requests, components, outcome, faultAt,
					(variant.fault() != null) ? to : -1, invariants, null,
					measures(client, components, outcome, from, startSecond,
							prober.acknowledgedBetween(start + this.options.ramp() * 1000L, faultStart.get()))
						.and(figures),
					null);
		}
		catch (RuntimeException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return RunResult.failed(variant, repetition, String.valueOf(ex));
		}
	}

	/**
	 * Load that is not measured, so that the runs after it meet JIT-compiled JVMs, warm
	 * caches and filled connection pools instead of a fresh stack's (its first seconds
	 * answered many requests 503/504 before any fault, docs/lab.md).
	 */
	void warmUp(Journey journey) {
		this.progress.accept("warming up, not measured: " + this.options.warmUp() + " s of the "
				+ journey.name().toLowerCase(Locale.ROOT) + " journey");
		load(journey, List.of(new LabSimulation.Level(this.options.rate(), Duration.ofSeconds(this.options.warmUp()))),
				"warm-up, " + journey, () -> {
				});
		ClientSeconds.reset();
	}

	/**
	 * The load's accounts, then Gatling driving {@code journey} through the ramp and
	 * {@code levels} after it; {@code started} is called just before Gatling starts.
	 * Returns Gatling's exit status.
	 */
	private int load(Journey journey, List<LabSimulation.Level> levels, String description, Runnable started) {
		CartWorkload.prepareAccounts(this.options.gateway(), accounts(this.options), PATIENCE);
		LabSimulation
			.prepare(new LabSimulation.Settings(this.options.gateway(), Duration.ofSeconds(this.options.ramp()), levels,
					this.options.cartChanges(), this.options.thinkTime(), journey));
		started.run();
		return Gatling$.MODULE$
			.fromArgs(new String[] { "--simulation", LabSimulation.class.getName(), "--results-folder",
					this.work.resolve("gatling").toString(), "--no-reports", "--run-description", description });
	}

	/**
	 * E3's and E4's figures: checkout and browsing while the fault lasted
	 * ({@code [from, to)}), and what order-service held meanwhile and after; how long it
	 * took, from the fault's end ({@code to}, {@code NaN} for a fault not undone), until
	 * checkout confirmed at once again and the reconciler's backlog was empty.
	 */
	static Map<String, Double> figures(List<RequestRow> requests, List<ComponentRow> components, double from,
			double to) {
		double end = Double.isNaN(to) ? Double.MAX_VALUE : to;
		Predicate<RequestRow> checkout = Figures.named("checkout");
		Predicate<RequestRow> browse = Figures.inGroup("browse");
		Map<String, Double> figures = new HashMap<>();
		figures.put("checkoutP50Outage", Figures.latency(requests, checkout, from, end, 50));
		figures.put("checkoutP99Outage", Figures.latency(requests, checkout, from, end, 99));
		figures.put("checkoutAvailability", Figures.availability(requests, checkout, from, end));
		figures.put("checkoutsPending", Figures.answered(requests, checkout, 202, from, end));
		figures.put("browseAvailability", Figures.availability(requests, browse, from, end));
		figures.put("browseP99Outage", Figures.latency(requests, browse, from, end, 99));
		figures.put("p99Outage", Figures.latency(requests, (row) -> true, from, end, 99));
		figures.put("recoverySeconds", Figures.firstAnswered(requests, checkout, 201, to));
		String orders = "order-service";
		figures.put("peakRequestsInFlight",
				Figures.peak(components, orders, Figures.gauge(Experiment.REQUESTS_IN_FLIGHT), from));
		figures.put("peakDbConnections",
				Figures.peak(components, orders, Figures.gauge(Experiment.DB_CONNECTIONS), from));
		figures.put("peakInventoryCalls", Figures.peak(components, orders,
				Figures.inUse(Experiment.BULKHEAD_MAX, Experiment.BULKHEAD_AVAILABLE), from));
		figures.put("peakThreads", Figures.peak(components, orders, Figures.gauge(Experiment.THREADS), from));
		// every instance counts the whole orders table
		figures.put("peakBacklog", Figures.highest(components, orders, Figures.gauge(Experiment.BACKLOG), from));
		figures.put("backlogDrainedSeconds",
				Figures.untilZero(components, orders, Figures.gauge(Experiment.BACKLOG), to));
		return figures;
	}

	/**
	 * The rates the load holds after its ramp: E5's stair-step, else the lab's rate for
	 * {@code --duration}.
	 */
	private List<LabSimulation.Level> levels(Variant variant) {
		return (variant.experiment() == Experiment.E5) ? ScaleOut.levels(ScaleOut.stages(this.options))
				: List.of(new LabSimulation.Level(this.options.rate(), Duration.ofSeconds(this.options.duration())));
	}

	private int loadSeconds(Variant variant) {
		return this.options.ramp()
				+ levels(variant).stream().mapToInt((level) -> (int) level.duration().toSeconds()).sum();
	}

	/**
	 * Waits for the load's start, then for the fault's second, and injects it; undoes it
	 * when the fault says so. Without a fault, says how the load goes on until its end;
	 * the probes do not write then: their writes would change the mix measured.
	 */
	private void inject(Variant variant, Prober prober, CatalogProbe catalog, AtomicLong faultStart,
			AtomicLong faultEnd, AtomicReference<String> faultError) {
		Fault fault = variant.fault();
		try {
			long start = ClientSeconds.awaitFirstRequest(Duration.ofMinutes(2));
			if (fault == null) {
				followLevels(variant, start);
				return;
			}
			prober.startWriting();
			if (variant.journey() == LabSimulation.Journey.BROWSE_AND_CHECKOUT) {
				catalog.start();
			}
			pauseUntil(start + fault.atSecond() * 1000L, start, "load before the fault");
			// each component by its own name: "redis-primary" names another node once the
			// Sentinels have promoted the replica, and the thaw must reach the frozen one
			List<String> components = fault.components().stream().map(this.control::resolve).toList();
			this.progress.accept("fault: " + fault.action() + " " + String.join(", ", components));
			faultStart.set(System.currentTimeMillis());
			components.forEach((component) -> this.control.act(component, fault.action()));
			Duration undoAfter = fault.undoAfter();
			if (undoAfter != null) {
				pauseUntil(faultStart.get() + undoAfter.toMillis(), start, "fault lasts");
				this.progress.accept(fault.undo() + " " + String.join(", ", components));
				components.forEach((component) -> this.control.act(component, fault.undo()));
				faultEnd.set(System.currentTimeMillis());
			}
			pauseUntil(start + this.options.loadSeconds() * 1000L, start, "load after the fault");
		}
		catch (RuntimeException | InterruptedException ex) {
			this.progress.accept("fault not injected or not undone: " + ex.getMessage());
			faultError.set(String.valueOf(ex.getMessage()));
		}
	}

	/** Sleeps through the load's levels, saying which one runs. */
	private void followLevels(Variant variant, long start) throws InterruptedException {
		long end = start + this.options.ramp() * 1000L;
		pauseUntil(end, start, "ramp");
		List<LabSimulation.Level> levels = levels(variant);
		for (int i = 0; i < levels.size(); i++) {
			end += levels.get(i).duration().toMillis();
			pauseUntil(end, start, ((levels.size() > 1) ? "stage " + (i + 1) + "/" + levels.size() + " " : "load ")
					+ "at " + Report.number(levels.get(i).rate()) + " users/s");
		}
	}

	/** Sleeps until {@code until}, saying every 5 s how much load is left. */
	private void pauseUntil(long until, long start, String phase) throws InterruptedException {
		long end = start + this.options.loadSeconds() * 1000L;
		for (long now = System.currentTimeMillis(); now < until; now = System.currentTimeMillis()) {
			this.progress.accept(phase + ", " + Math.max(0, (end - now) / 1000) + " s of load left");
			Thread.sleep(Math.min(5000, until - now));
		}
	}

	private String invariants() {
		try {
			LoadInvariants.atControlApi(this.control.url()).check(Duration.ofSeconds(30));
			return null;
		}
		catch (RuntimeException ex) {
			return ex.getMessage();
		}
	}

	/** Each component's CPU and Redis commands per second, from the sampler's totals. */
	static List<ComponentRow> componentRows(List<Sampler.Sample> samples, long startSecond) {
		Map<String, Sampler.Sample> previous = new HashMap<>();
		List<ComponentRow> rows = new ArrayList<>();
		for (Sampler.Sample sample : samples) {
			Sampler.Sample before = previous.put(sample.component(), sample);
			boolean sameProcess = before != null && before.pid() != null && before.pid().equals(sample.pid());
			rows.add(new ComponentRow((int) (sample.epochSecond() - startSecond), sample.component(), sample.state(),
					sample.role(), sameProcess ? delta(before.cpuMillis(), sample.cpuMillis()) : null,
					sameProcess ? delta(before.redisCommands(), sample.redisCommands()) : null, sample.gauges()));
		}
		return rows;
	}

	private static @Nullable Long delta(@Nullable Long before, @Nullable Long after) {
		return (before == null || after == null) ? null : after - before;
	}

	/**
	 * The report's measures: steady state from the end of the ramp to the fault, the
	 * fault's cost from the fault to the end.
	 */
	private Measures measures(List<ClientRow> client, List<ComponentRow> components, Prober.Outcome probes,
			double faultAt, long startSecond, long probeWrites) {
		int steadyFrom = this.options.ramp();
		List<ClientRow> steady = client.stream().filter((row) -> row.t() >= steadyFrom && row.t() < faultAt).toList();
		long ok = steady.stream().mapToLong(ClientRow::ok).sum();
		// the probes' acknowledged writes are requests the stack served too
		long served = ok + probeWrites;
		List<Integer> steadyMillis = steadyMillis(startSecond, steadyFrom, faultAt);
		double cpu = components.stream()
			.filter((row) -> row.t() >= steadyFrom && row.t() < faultAt && row.cpuMillis() != null)
			.filter((row) -> !row.component().equals(Sampler.LOAD_GENERATOR))
			.mapToLong(ComponentRow::cpuMillis)
			.sum();
		double redis = components.stream()
			.filter((row) -> row.t() >= steadyFrom && row.t() < faultAt && row.redisCommands() != null)
			.filter((row) -> row.role().equals("primary"))
			.mapToLong(ComponentRow::redisCommands)
			.sum();
		List<ClientRow> after = client.stream().filter((row) -> row.t() >= Math.floor(faultAt)).toList();
		double failed = after.stream().mapToLong(ClientRow::failed).sum();
		double errorSeconds = after.stream().filter((row) -> row.failed() > 0).count();
		double seconds = Math.max(1, steady.size());
		return new Measures(ok / seconds, orNaN(Stats.percentile(steadyMillis, 50)),
				orNaN(Stats.percentile(steadyMillis, 99)), (served == 0) ? Double.NaN : cpu / served,
				(served == 0) ? Double.NaN : redis / served, failed, errorSeconds,
				probes.failureWindowMillis() / 1000.0, 100.0 * probes.sessionsLost() / Math.max(1, probes.probes()),
				probes.lost(), probes.acknowledged())
			.and(Map.of(Measures.STOLEN, Figures.stolenPercent(components)));
	}

	private static List<Integer> steadyMillis(long start, int from, double faultAt) {
		List<Integer> millis = new ArrayList<>();
		ClientSeconds.seconds().forEach((second, counts) -> {
			long t = second - start;
			if (t >= from && t < faultAt) {
				millis.addAll(counts.millis());
			}
		});
		return millis;
	}

	private static double orNaN(@Nullable Double value) {
		return (value != null) ? value : Double.NaN;
	}

}
