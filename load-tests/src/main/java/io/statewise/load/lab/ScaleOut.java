package io.statewise.load.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.Measure;
import io.statewise.load.lab.RunResult.RequestRow;
import org.jspecify.annotations.Nullable;

/**
 * E5, scale-out: the store's mix ({@link LabSimulation.Journey#MIX}) in a stair-step of
 * rising arrival rates, no fault. Each stage is a range of seconds of the load; its first
 * third is not measured (journeys begun in the stage before still run). A stage is
 * <em>held</em> when its p99 is at most the target ({@code --p99-target}) with fewer than
 * {@value #MAX_FAILED_PERCENT} % of its requests failed; the <em>capacity point</em> is
 * the highest stage held. From that stage's seconds come the throughput and latency the
 * report compares, and the CPU each tier spent per answered request, on which the
 * capacity model ({@link CapacityModel}) rests. A run in which no stage held has no
 * capacity point: its figures are not measured ({@code NaN}), never zero.
 */
final class ScaleOut {

	/** Failed (or unanswered) requests a held stage may have, % of those sent. */
	static final double MAX_FAILED_PERCENT = 1;

	/** E5's measures ({@link RunResult.Measures#ALL} holds them too). */
	static final List<Measure> MEASURES = List.of(
			new Measure("capacityRate", "users/s arriving at the capacity point (the highest stage held)"),
			new Measure("capacityThroughput", "requests/s answered at the capacity point"),
			new Measure("capacityP50", "p50 ms at the capacity point"),
			new Measure("capacityP99", "p99 ms at the capacity point"),
			new Measure("capacityFailedPercent", "% of requests failed at the capacity point"),
			new Measure("stagesHeld", "stages held (p99 at most the target, < 1 % failed)"),
			new Measure("cpuGateway", "gateway: CPU µs per request"),
			new Measure("cpuInventory", "inventory-service: CPU µs per request (all instances)"),
			new Measure("cpuSession", "session-service: CPU µs per request (all instances)"),
			new Measure("cpuOrder", "order-service: CPU µs per request (all instances)"),
			new Measure("cpuRedis", "Redis primary: CPU µs per request"),
			new Measure("cpuPostgres", "PostgreSQL: CPU µs per request"),
			new Measure("cpuLoadGenerator", "the load generator (not the store): CPU µs per request"),
			new Measure("capacityRedisPerRequest", "Redis commands per request (primary, background included)"),
			new Measure("redisCpuPerCommand", "Redis primary: CPU µs per command"),
			new Measure("checkoutsPerRequest", "checkouts per request (each: order-service's transactions)"));

	private ScaleOut() {
	}

	/**
	 * The stages of a run: {@code --duration} split into {@code --stages} stages (whole
	 * seconds each) after the ramp, stage {@code n} at {@code n × --rate} users/s.
	 */
	static List<Stage> stages(LabOptions options) {
		int seconds = options.duration() / options.stages();
		int settle = seconds / 3;
		List<Stage> stages = new ArrayList<>();
		for (int i = 0; i < options.stages(); i++) {
			int from = options.ramp() + i * seconds;
			stages.add(new Stage(i + 1, options.stageRate() * (i + 1), from, from + settle, from + seconds));
		}
		return List.copyOf(stages);
	}

	/** The stages as the load's levels, one after the other. */
	static List<LabSimulation.Level> levels(List<Stage> stages) {
		return stages.stream()
			.map((stage) -> new LabSimulation.Level(stage.rate(), Duration.ofSeconds(stage.to() - stage.from())))
			.toList();
	}

	/**
	 * What the client saw in each stage's measured seconds, from the per-second rows by
	 * request name (together: every request the load sent).
	 */
	static List<StageFigures> stageFigures(List<RequestRow> requests, List<Stage> stages) {
		List<StageFigures> figures = new ArrayList<>();
		for (Stage stage : stages) {
			List<RequestRow> rows = requests.stream().filter(stage::measures).toList();
			List<Integer> millis = new ArrayList<>();
			rows.forEach((row) -> millis.addAll(row.millis()));
			figures.add(new StageFigures(stage, rows.stream().mapToLong(RequestRow::sent).sum(),
					rows.stream().mapToLong(RequestRow::ok).sum(), rows.stream().mapToLong(RequestRow::failed).sum(),
					Figures.orNaN(Stats.percentile(millis, 50)), Figures.orNaN(Stats.percentile(millis, 99))));
		}
		return figures;
	}

	/** The capacity point: the highest stage held, {@code null} when none was. */
	static @Nullable StageFigures capacity(List<StageFigures> stages, int p99Target) {
		StageFigures capacity = null;
		for (StageFigures stage : stages) {
			if (stage.held(p99Target)) {
				capacity = stage;
			}
		}
		return capacity;
	}

	/**
	 * E5's measures of one run: how many stages held, and at the capacity point its
	 * throughput, latency, failures and each tier's CPU per answered request (none when
	 * no stage held).
	 */
	static Map<String, Double> figures(List<RequestRow> requests, List<ComponentRow> components, List<Stage> stages,
			int p99Target) {
		List<StageFigures> all = stageFigures(requests, stages);
		Map<String, Double> figures = new HashMap<>();
		figures.put("stagesHeld", (double) all.stream().filter((stage) -> stage.held(p99Target)).count());
		StageFigures capacity = capacity(all, p99Target);
		if (capacity == null) {
			return figures;
		}
		Stage stage = capacity.stage();
		double ok = capacity.ok();
		figures.put("capacityRate", stage.rate());
		figures.put("capacityThroughput", capacity.throughput());
		figures.put("capacityP50", capacity.p50());
		figures.put("capacityP99", capacity.p99());
		figures.put("capacityFailedPercent", capacity.failedPercent());
		for (Tier tier : Tier.values()) {
			figures.put(tier.measure, perRequest(cpuMillis(components, stage, tier::includes) * 1000, ok));
		}
		double commands = redisCommands(components, stage);
		double redisMicros = cpuMillis(components, stage, Tier.REDIS::includes) * 1000;
		figures.put("capacityRedisPerRequest", perRequest(commands, ok));
		figures.put("redisCpuPerCommand", (commands > 0) ? redisMicros / commands : Double.NaN);
		long checkouts = requests.stream()
			.filter(stage::measures)
			.filter((row) -> row.request().equals("checkout"))
			.mapToLong(RequestRow::ok)
			.sum();
		figures.put("checkoutsPerRequest", perRequest(checkouts, ok));
		return figures;
	}

	/**
	 * CPU ms of the components in the stage's measured seconds, {@code NaN} when none was
	 * read (not measured, not zero).
	 */
	private static double cpuMillis(List<ComponentRow> components, Stage stage, Predicate<ComponentRow> which) {
		List<ComponentRow> rows = components.stream()
			.filter(stage::measures)
			.filter(which)
			.filter((row) -> row.cpuMillis() != null)
			.toList();
		return rows.isEmpty() ? Double.NaN : rows.stream().mapToLong(ComponentRow::cpuMillis).sum();
	}

	private static double redisCommands(List<ComponentRow> components, Stage stage) {
		List<ComponentRow> rows = components.stream()
			.filter(stage::measures)
			.filter(Tier.REDIS::includes)
			.filter((row) -> row.redisCommands() != null)
			.toList();
		return rows.isEmpty() ? Double.NaN : rows.stream().mapToLong(ComponentRow::redisCommands).sum();
	}

	private static double perRequest(double total, double requests) {
		return (requests > 0) ? total / requests : Double.NaN;
	}

	/**
	 * A stage of the stair-step, in seconds of the load: {@code [from, to)} at
	 * {@code rate} users/s, measured from {@code measuredFrom}.
	 */
	record Stage(int number, double rate, int from, int measuredFrom, int to) {

		boolean measures(RequestRow row) {
			return row.t() >= this.measuredFrom && row.t() < this.to;
		}

		boolean measures(ComponentRow row) {
			return row.t() >= this.measuredFrom && row.t() < this.to;
		}

		int measuredSeconds() {
			return this.to - this.measuredFrom;
		}

	}

	/**
	 * What the client saw in a stage's measured seconds.
	 *
	 * @param failed answered with a status the journey does not expect, or not at all
	 */
	record StageFigures(Stage stage, long sent, long ok, long failed, double p50, double p99) {

		double throughput() {
			return (double) this.ok / this.stage.measuredSeconds();
		}

		double failedPercent() {
			return (this.sent == 0) ? Double.NaN : 100.0 * this.failed / this.sent;
		}

		/** Answered, p99 at most the target, fewer than 1 % failed. */
		boolean held(int p99Target) {
			return this.ok > 0 && this.p99 <= p99Target && failedPercent() < MAX_FAILED_PERCENT;
		}

	}

	/** The tiers the capacity model sizes, each by the components it is made of. */
	enum Tier {

		GATEWAY("cpuGateway", "gateway", named("gateway")),

		INVENTORY("cpuInventory", "inventory-service", instanceOf("inventory-service")),

		SESSION("cpuSession", "session-service", instanceOf("session-service")),

		ORDER("cpuOrder", "order-service", instanceOf("order-service")),

		/** Whichever data node is the primary in that second. */
		REDIS("cpuRedis", "Redis primary",
				(row) -> row.component().startsWith("redis-") && row.role().equals("primary")),

		POSTGRES("cpuPostgres", "PostgreSQL", named("postgres")),

		/** Not the store's: shown so that its share of the cores is visible. */
		LOAD_GENERATOR("cpuLoadGenerator", "the load generator", named(Sampler.LOAD_GENERATOR));

		final String measure;

		final String label;

		private final Predicate<ComponentRow> includes;

		Tier(String measure, String label, Predicate<ComponentRow> includes) {
			this.measure = measure;
			this.label = label;
			this.includes = includes;
		}

		boolean includes(ComponentRow row) {
			return this.includes.test(row);
		}

		private static Predicate<ComponentRow> named(String component) {
			return (row) -> row.component().equals(component);
		}

		private static Predicate<ComponentRow> instanceOf(String service) {
			return (row) -> row.component().startsWith(service + "-");
		}

	}

}
