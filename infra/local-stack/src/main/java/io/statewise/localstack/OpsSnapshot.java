package io.statewise.localstack;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the ops panel shows, as one server-sent event: the topology with each process's
 * state, the live signals, the circuit breakers, a few totals and the fault timeline.
 *
 * @param at when the stack was looked at
 * @param sessionMode where sessions live ({@code redis} or {@code memory})
 * @param redisPrimary the data node the Sentinels name as primary now
 * @param nodes every component
 * @param signals per service (a total row) and per instance
 * @param breakers every circuit breaker the services report
 * @param totals the gateway's and the store's counts
 * @param timeline every action taken, with its measured effect
 */
record OpsSnapshot(Instant at, String sessionMode, @Nullable String redisPrimary, List<Node> nodes,
		List<SignalRow> signals, List<Breaker> breakers, Totals totals, List<Timeline.Entry> timeline) {

	/**
	 * A component.
	 *
	 * @param state {@code up}, {@code not ready}, {@code starting}, {@code down},
	 * {@code frozen} or {@code unknown} (did not answer in time)
	 * @param role {@code primary}/{@code replica} for Redis, what it does for others
	 * @param lagBytes how far a Redis replica is behind its primary
	 * @param metrics {@code ok}, or {@code unknown} when its Prometheus endpoint did not
	 * answer in time or answered something else; empty where there is none
	 * @param confirm action to what it loses, for the actions that lose data
	 * @param acting the action under way on it, if any
	 */
	record Node(String name, String kind, String state, @Nullable Long pid, @Nullable Long uptimeSeconds, String role,
			@Nullable Long lagBytes, String url, @Nullable Integer managementPort, String metrics,
			Map<String, String> confirm, @Nullable String acting) {

	}

	/**
	 * The signals of one instance, or of a whole service ({@code total}).
	 *
	 * @param share this instance's part of its service's requests over the last seconds
	 * @param series the last minute, one point a second
	 */
	record SignalRow(String name, String service, boolean total, String state, @Nullable Double rps,
			@Nullable Double errorRate, @Nullable Double p50Millis, @Nullable Double p99Millis, @Nullable Double share,
			List<Signals.Point> series) {

	}

	/** A circuit breaker: who holds it, what it protects, its state. */
	record Breaker(String owner, String name, String state) {

	}

	/**
	 * @param rateLimitedPerSecond requests the gateway refused by its rate limits
	 * @param retriesPerSecond requests the gateway sent again to another instance
	 * @param pendingOrders orders waiting for the reconciler
	 * @param liveSessions sessions in Redis ({@code redis} mode) or in the
	 * session-service JVMs ({@code memory} mode)
	 */
	record Totals(@Nullable Double rateLimitedPerSecond, @Nullable Double rateLimited,
			@Nullable Double retriesPerSecond, @Nullable Double retries, @Nullable Double pendingOrders,
			@Nullable Long liveSessions) {

	}

}
