package io.statewise.load.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.gatling.app.Gatling$;
import io.statewise.load.CartWorkload;
import io.statewise.load.ClientSeconds;
import io.statewise.load.LoadInvariants;
import io.statewise.load.lab.Experiment.Fault;
import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.RunResult.ClientRow;
import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.Measures;
import org.jspecify.annotations.Nullable;

/**
 * One repetition of one variant against a running stack: probes log in, Gatling drives
 * the cart journey at the lab's rate in this JVM while the sampler records every
 * component each second, the fault comes at its second of the load (counted from the
 * first request the load sent, {@link ClientSeconds#awaitFirstRequest}), then the probes
 * read their carts back and the invariants are checked.
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
		try (Sampler sampler = new Sampler(this.control).start();
				Prober prober = new Prober(this.options.gateway(), this.options.probes(),
						this.options.probeInterval())) {
			this.progress.accept("preparing: accounts for the probes and the load");
			prober.prepare(PATIENCE);
			CartWorkload.prepareAccounts(this.options.gateway(), accounts(this.options), PATIENCE);
			LabSimulation.prepare(new LabSimulation.Settings(this.options.gateway(), this.options.rate(),
					Duration.ofSeconds(this.options.ramp()), Duration.ofSeconds(this.options.duration()),
					this.options.cartChanges(), this.options.thinkTime()));
			Thread fault = new Thread(() -> inject(variant, prober, faultStart, faultEnd, faultError), "lab-fault");
			fault.setDaemon(true);
			fault.start();
			int status = Gatling$.MODULE$.fromArgs(new String[] { "--simulation", LabSimulation.class.getName(),
					"--results-folder", this.work.resolve("gatling").toString(), "--no-reports", "--run-description",
					variant.label() + " run " + repetition });
			fault.join(Duration.ofSeconds(this.options.freeze() + 60).toMillis());
			long start = ClientSeconds.awaitFirstRequest(Duration.ZERO);
			this.progress.accept("checking: the probes read their carts, then the invariants");
			Prober.Outcome outcome = prober.finish((faultStart.get() < 0) ? Long.MAX_VALUE : faultStart.get(),
					Duration.ofSeconds(30));
			String invariants = invariants();
			if (faultStart.get() < 0 || faultError.get() != null) {
				return RunResult.failed(variant, repetition, "the fault was not injected or not undone ("
						+ faultError.get() + "; Gatling's status " + status + ")");
			}
			long startSecond = start / 1000;
			List<ClientRow> client = RunResult.clientRows(ClientSeconds.seconds(), startSecond);
			List<ComponentRow> components = componentRows(sampler.samples(), startSecond);
			double from = (faultStart.get() - start) / 1000.0;
			double to = (faultEnd.get() > 0) ? (faultEnd.get() - start) / 1000.0 : this.options.loadSeconds();
			return new RunResult(variant, repetition, client, components, outcome, from, to, invariants, null,
					measures(client, components, outcome, from, startSecond,
							prober.acknowledgedBetween(start + this.options.ramp() * 1000L, faultStart.get())),
					null);
		}
		catch (RuntimeException | InterruptedException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return RunResult.failed(variant, repetition, String.valueOf(ex));
		}
	}

	/** Waits for the load's start, then for the fault's second, and injects it. */
	private void inject(Variant variant, Prober prober, AtomicLong faultStart, AtomicLong faultEnd,
			AtomicReference<String> faultError) {
		Fault fault = variant.fault();
		try {
			long start = ClientSeconds.awaitFirstRequest(Duration.ofMinutes(2));
			prober.startWriting();
			pauseUntil(start + fault.atSecond() * 1000L, start, "load before the fault");
			// the component by its own name: "redis-primary" names another node once the
			// Sentinels have promoted the replica, and the thaw must reach the frozen one
			String component = this.control.resolve(fault.component());
			this.progress.accept("fault: " + fault.action() + " " + component);
			faultStart.set(System.currentTimeMillis());
			this.control.act(component, fault.action());
			Integer thawAfter = fault.thawAfter();
			if (thawAfter != null) {
				pauseUntil(faultStart.get() + thawAfter * 1000L, start, "frozen");
				this.progress.accept("thaw " + component);
				this.control.act(component, "thaw");
				faultEnd.set(System.currentTimeMillis());
			}
			pauseUntil(start + this.options.loadSeconds() * 1000L, start, "load after the fault");
		}
		catch (RuntimeException | InterruptedException ex) {
			this.progress.accept("fault not injected or not undone: " + ex.getMessage());
			faultError.set(String.valueOf(ex.getMessage()));
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
					sameProcess ? delta(before.redisCommands(), sample.redisCommands()) : null));
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
				probes.lost(), probes.acknowledged());
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
