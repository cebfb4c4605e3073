package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
record RunResult(Variant variant, int repetition, List<ClientRow> client, List<ComponentRow> components,
		Prober.@Nullable Outcome probes, double faultStart, double faultEnd, @Nullable String invariants,
		@Nullable String failure, Measures measures, @Nullable DoorFigures door) {

	static RunResult failed(Variant variant, int repetition, String failure) {
		return new RunResult(variant, repetition, List.of(), List.of(), null, -1, -1, null, failure, Measures.NONE,
				null);
	}

	/** A completed E7 run. */
	static RunResult door(Variant variant, int repetition, DoorFigures door) {
		return new RunResult(variant, repetition, List.of(), List.of(), null, -1, -1, null, null, Measures.NONE, door);
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

	/** A component's second {@code t}: CPU used and Redis commands run in it. */
	record ComponentRow(int t, String component, String state, String role, @Nullable Long cpuMillis,
			@Nullable Long redisCommands) {

	}

	/**
	 * What the report compares between variants.
	 *
	 * @param okPerSecond requests answered as expected per second, before the fault
	 * @param p50 median response time before the fault, ms
	 * @param p99 99th percentile before the fault, ms
	 * @param cpuPerRequest CPU ms of the whole stack per request served (the load's and
	 * the probes'), before the fault (the load generator not counted, the stack's
	 * background work counted)
	 * @param redisPerRequest commands the Redis primary ran per request served, before
	 * the fault (background traffic included: Sentinels, replication, health probes)
	 * @param failedRequests requests failed or unanswered from the fault to the end
	 * @param errorSeconds seconds from the fault's start in which any request failed
	 * @param writeFailureSeconds window in which the probes' session writes failed
	 * @param sessionsLostPercent probes whose session was gone at the end
	 * @param ackedLost acknowledged cart writes the carts did not reflect
	 * @param acked acknowledged cart writes
	 */
	record Measures(double okPerSecond, double p50, double p99, double cpuPerRequest, double redisPerRequest,
			double failedRequests, double errorSeconds, double writeFailureSeconds, double sessionsLostPercent,
			double ackedLost, double acked) {

		static final Measures NONE = new Measures(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
				Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

		/** The measures in the report's order, with their names and units. */
		static final List<Measure> ALL = List.of(new Measure("okPerSecond", "requests/s answered before the fault"),
				new Measure("p50", "p50 ms before the fault"), new Measure("p99", "p99 ms before the fault"),
				new Measure("cpuPerRequest", "CPU ms per request (whole stack, background included)"),
				new Measure("redisPerRequest", "Redis commands per request (primary, background included)"),
				new Measure("failedRequests", "failed requests after the fault"),
				new Measure("errorSeconds", "seconds with failures after the fault"),
				new Measure("writeFailureSeconds", "session-write failure window, s"),
				new Measure("sessionsLostPercent", "sessions lost, % of probes"),
				new Measure("ackedLost", "acknowledged cart writes lost"),
				new Measure("acked", "acknowledged cart writes"));

		double get(String name) {
			return switch (name) {
				case "okPerSecond" -> this.okPerSecond;
				case "p50" -> this.p50;
				case "p99" -> this.p99;
				case "cpuPerRequest" -> this.cpuPerRequest;
				case "redisPerRequest" -> this.redisPerRequest;
				case "failedRequests" -> this.failedRequests;
				case "errorSeconds" -> this.errorSeconds;
				case "writeFailureSeconds" -> this.writeFailureSeconds;
				case "sessionsLostPercent" -> this.sessionsLostPercent;
				case "ackedLost" -> this.ackedLost;
				case "acked" -> this.acked;
				default -> throw new IllegalArgumentException(name);
			};
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

}
