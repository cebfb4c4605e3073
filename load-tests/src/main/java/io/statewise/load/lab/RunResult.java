package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.statewise.load.ClientSeconds;
import io.statewise.load.lab.Experiment.Variant;
import org.jspecify.annotations.Nullable;

/**
 * One repetition of one variant: what the client saw each second, what each component did
 * each second, what the probes found, whether the invariants held, and the measures the
 * report compares. Seconds count from the start of the load.
 *
 * @param faultStart second of the load at which the fault was injected ({@code -1}: it
 * never was)
 * @param faultEnd second at which it was undone, or the end of the load for a kill
 * @param invariants {@code null} when every invariant held, else what broke
 * @param failure {@code null} when the run completed, else why it did not
 * @param door E7's figures (an E7 run has no per-second rows, probes or fault), else
 * {@code null}
 */
record RunResult(Variant variant, int repetition, List<ClientRow> client, List<RequestRow> requests,
		List<ComponentRow> components, Prober.@Nullable Outcome probes, double faultStart, double faultEnd,
		@Nullable String invariants, @Nullable String failure, Measures measures, @Nullable DoorFigures door) {

	static RunResult failed(Variant variant, int repetition, String failure) {
		return new RunResult(variant, repetition, List.of(), List.of(), List.of(), null, -1, -1, null, failure,
				Measures.NONE, null);
	}

	/** A completed E7 run. */
	static RunResult door(Variant variant, int repetition, DoorFigures door) {
		return new RunResult(variant, repetition, List.of(), List.of(), List.of(), null, -1, -1, null, null,
				Measures.NONE, door);
	}

	/** This run as a run of {@code variant} ({@link SavedRuns}: kept without it). */
	RunResult of(Variant variant) {
		return new RunResult(variant, this.repetition, this.client, this.requests, this.components, this.probes,
				this.faultStart, this.faultEnd, this.invariants, this.failure, this.measures, this.door);
	}

	boolean completed() {
		return this.failure == null;
	}

	/**
	 * A measure by name: one of {@link Measures#ALL}, or of {@link DoorFigures#ALL} for
	 * E7.
	 */
	double measure(String name) {
		return (this.door != null) ? this.door.get(name) : this.measures.get(name);
	}

	/**
	 * The client's second {@code t}.
	 *
	 * @param failed answered with a status the journey does not expect, or not at all
	 */
	record ClientRow(int t, long sent, long ok, long failed, @Nullable Double p50, @Nullable Double p99) {

	}

	/**
	 * The client's second {@code t} for one request name (the journey's part it belongs
	 * to in {@code group}), with its answers by status.
	 */
	record RequestRow(int t, String request, String group, long sent, long ok, long failed, List<Integer> millis,
			Map<Integer, Long> statuses) {

		@Nullable Double p50() {
			return Stats.percentile(this.millis, 50);
		}

		@Nullable Double p99() {
			return Stats.percentile(this.millis, 99);
		}

	}

	/**
	 * A component's second {@code t}: CPU used and Redis commands run in it, and the
	 * gauges the experiment reads from it (their values at that second).
	 */
	record ComponentRow(int t, String component, String state, String role, @Nullable Long cpuMillis,
			@Nullable Long redisCommands, Map<String, Double> gauges) {

		ComponentRow(int t, String component, String state, String role, @Nullable Long cpuMillis,
				@Nullable Long redisCommands) {
			this(t, component, state, role, cpuMillis, redisCommands, Map.of());
		}

	}

	/**
	 * What the report compares between variants, by measure name ({@link #ALL}); a
	 * measure a run does not have reads as not measured ({@code NaN}).
	 */
	record Measures(Map<String, Double> values) {

		static final Measures NONE = new Measures(Map.of());

		/**
		 * What a run cannot control and its reader must know: a run measured while the
		 * host took a share of the machine measured less than the store's own cost.
		 */
		static final String STOLEN = "stolenPercent";

		/** Every measure, in the report's order, with its name and unit. */
		static final List<Measure> ALL = Stream
			.concat(Stream.of(new Measure("okPerSecond", "requests/s answered before the fault"),
					new Measure("p50", "p50 ms before the fault"), new Measure("p99", "p99 ms before the fault"),
					new Measure("cpuPerRequest", "CPU ms per request (whole stack, background included)"),
					new Measure("redisPerRequest", "Redis commands per request (primary, background included)"),
					new Measure("failedRequests", "failed requests after the fault"),
					new Measure("errorSeconds", "seconds with failures after the fault"),
					new Measure("writeFailureSeconds", "session-write failure window, s"),
					new Measure("sessionsLostPercent", "sessions lost, % of probes"),
					new Measure("ackedLost", "acknowledged cart writes lost"),
					new Measure("acked", "acknowledged cart writes"),
					new Measure("checkoutP50Outage", "checkout p50 ms, sent during the outage"),
					new Measure("checkoutP99Outage", "checkout p99 ms, sent during the outage"),
					new Measure("checkoutAvailability", "% of checkouts answered 201/202 during the outage"),
					new Measure("checkoutsPending", "checkouts accepted PENDING (202) during the outage"),
					new Measure("peakRequestsInFlight", "order-service: most requests in flight (all instances)"),
					new Measure("peakDbConnections", "order-service: most database connections in use"),
					new Measure("peakInventoryCalls", "order-service: most inventory calls in flight (bulkhead)"),
					new Measure("peakThreads", "order-service: most live JVM threads (virtual threads not counted)"),
					new Measure("recoverySeconds",
							"s from the end of the outage to the first checkout confirmed at once"),
					new Measure("peakBacklog", "most orders PENDING (the reconciler's backlog)"),
					new Measure("backlogDrainedSeconds", "s from the end of the outage until no order was PENDING"),
					new Measure("browseAvailability", "% of browsing requests answered 200 during the outage"),
					new Measure("browseP99Outage", "browsing p99 ms, sent during the outage"),
					new Measure("staleAnswers", "catalog answers served stale (inventory's count)"),
					new Measure("maxStaleAge", "oldest catalog answer served stale, s (its Age)"),
					new Measure("p99Outage", "p99 ms of every request sent during the fault"),
					new Measure("pauseMillis", "the pause as injected, ms (freeze sent to thaw answered)"),
					new Measure("failovers", "failovers by the Sentinels during the run"),
					new Measure(STOLEN, "CPU stolen by the hypervisor during the run, % of the machine")),
					ScaleOut.MEASURES.stream())
			.toList();

		/** E1's and E2's measures (and every experiment's steady state). */
		static final List<String> BASE = ALL.subList(0, 11).stream().map(Measure::name).toList();

		Measures {
			values = Map.copyOf(values);
		}

		Measures(double okPerSecond, double p50, double p99, double cpuPerRequest, double redisPerRequest,
				double failedRequests, double errorSeconds, double writeFailureSeconds, double sessionsLostPercent,
				double ackedLost, double acked) {
			this(Map.ofEntries(Map.entry("okPerSecond", okPerSecond), Map.entry("p50", p50), Map.entry("p99", p99),
					Map.entry("cpuPerRequest", cpuPerRequest), Map.entry("redisPerRequest", redisPerRequest),
					Map.entry("failedRequests", failedRequests), Map.entry("errorSeconds", errorSeconds),
					Map.entry("writeFailureSeconds", writeFailureSeconds),
					Map.entry("sessionsLostPercent", sessionsLostPercent), Map.entry("ackedLost", ackedLost),
					Map.entry("acked", acked)));
		}

		/** These measures and {@code more}. */
		Measures and(Map<String, Double> more) {
			Map<String, Double> all = new java.util.HashMap<>(this.values);
			all.putAll(more);
			return new Measures(all);
		}

		double get(String name) {
			if (ALL.stream().noneMatch((measure) -> measure.name().equals(name))) {
				throw new IllegalArgumentException(name);
			}
			return this.values.getOrDefault(name, Double.NaN);
		}

		static Measure named(String name) {
			return ALL.stream()
				.filter((measure) -> measure.name().equals(name))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(name));
		}

	}

	record Measure(String name, String label) {

	}

	/** The client's seconds, from the epoch second the load started. */
	static List<ClientRow> clientRows(Map<Long, ClientSeconds.Counts> seconds, long startSecond) {
		List<ClientRow> rows = new ArrayList<>();
		seconds.forEach((second, counts) -> {
			List<Integer> millis = counts.millis();
			rows.add(new ClientRow((int) (second - startSecond), counts.sent(), counts.ok(),
					counts.failed() + counts.unanswered(), Stats.percentile(millis, 50), Stats.percentile(millis, 99)));
		});
		return rows;
	}

	/** The client's seconds by request name, from the epoch second the load started. */
	static List<RequestRow> requestRows(Map<Long, ClientSeconds.Counts> seconds, long startSecond) {
		List<RequestRow> rows = new ArrayList<>();
		seconds.forEach((second, counts) -> counts.requests()
			.forEach((name,
					request) -> rows.add(new RequestRow((int) (second - startSecond), name, request.group(),
							request.sent(), request.ok(), request.failed() + request.unanswered(), request.millis(),
							request.statuses()))));
		return rows;
	}

}
