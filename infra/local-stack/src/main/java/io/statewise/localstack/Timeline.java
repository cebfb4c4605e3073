package io.statewise.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Every action taken through the control API, with what it was seen to do. The effects
 * are measured, never assumed: how long until the panel's next look showed the component
 * in its new state, which Redis node the Sentinels promoted and after how long, and how
 * many requests the gateway answered with a 5xx in the {@link #WATCH} that followed
 * (until the next action, which counts its own).
 */
@Component
class Timeline {

	/** How long after an action its failed requests are counted. */
	static final Duration WATCH = Duration.ofSeconds(30);

	private static final int KEPT = 200;

	private final AtomicLong ids = new AtomicLong();

	private final List<Entry> entries = new ArrayList<>();

	/**
	 * One action and its measured effect, as the panel shows it and the downloads hold.
	 */
	record Entry(long id, Instant at, String component, String action, String result, @Nullable Double actionSeconds,
			@Nullable Double shownAfterSeconds, @Nullable String promoted, @Nullable Double promotionSeconds,
			long failedRequests, @Nullable Double errorSeconds, boolean measuring) {

	}

	private static final class Fault {

		private final long id;

		private final Instant at;

		private final String component;

		private final String action;

		private String result = "in progress";

		private @Nullable Instant done;

		private @Nullable Double shownAfter;

		private @Nullable String promoted;

		private @Nullable Double promotion;

		private long failed;

		private @Nullable Instant firstError;

		private @Nullable Instant lastError;

		Fault(long id, Instant at, String component, String action) {
			this.id = id;
			this.at = at;
			this.component = component;
			this.action = action;
		}

		Entry entry(Instant now) {
			Double actionSeconds = (this.done != null) ? Double.valueOf(seconds(this.at, this.done)) : null;
			Double errorSeconds = (this.firstError != null && this.lastError != null)
					? Double.valueOf(seconds(this.firstError, this.lastError) + 1) : null;
			return new Entry(this.id, this.at, this.component, this.action, this.result, actionSeconds, this.shownAfter,
					this.promoted, this.promotion, this.failed, errorSeconds, open(now));
		}

		boolean open(Instant now) {
			return now.isBefore(this.at.plus(WATCH));
		}

	}

	private final List<Fault> faults = new ArrayList<>();

	synchronized long begin(String component, String action) {
		Fault fault = new Fault(this.ids.incrementAndGet(), Instant.now(), component, action);
		this.faults.add(fault);
		if (this.faults.size() > KEPT) {
			this.faults.remove(0);
		}
		return fault.id;
	}

	synchronized void finish(long id, String result) {
		find(id).ifPresent((fault) -> {
			fault.result = result;
			fault.done = Instant.now();
		});
	}

	synchronized void promoted(long id, String node, Instant at) {
		find(id).ifPresent((fault) -> {
			fault.promoted = node;
			fault.promotion = seconds(fault.at, at);
		});
	}

	/**
	 * One look at the stack: the state each component was seen in, and how many requests
	 * the gateway answered 5xx since the previous look.
	 */
	synchronized void observe(Instant at, Map<String, String> states, double gatewayErrors) {
		Fault latest = null;
		for (Fault fault : this.faults) {
			if (!fault.open(at) || at.isBefore(fault.at)) {
				continue;
			}
			if (fault.shownAfter == null && fault.done != null
					&& expected(fault.action).contains(states.getOrDefault(fault.component, ""))) {
				fault.shownAfter = seconds(fault.at, at);
			}
			latest = fault;
		}
		// a failed request is counted once, against the action that came last before it:
		// actions a few seconds apart must not each claim the same failures
		if (latest != null && gatewayErrors > 0) {
			latest.failed += Math.round(gatewayErrors);
			latest.firstError = (latest.firstError != null) ? latest.firstError : at;
			latest.lastError = at;
		}
	}

	/** Whether any action is still being measured: the panel keeps looking meanwhile. */
	synchronized boolean measuring(Instant now) {
		return this.faults.stream().anyMatch((fault) -> fault.open(now));
	}

	private static Set<String> expected(String action) {
		return switch (action) {
			case "kill", "stop" -> Set.of("down");
			case "freeze" -> Set.of("frozen");
			default -> Set.of("up");
		};
	}

	synchronized List<Entry> entries() {
		Instant now = Instant.now();
		return this.faults.stream().map((fault) -> fault.entry(now)).toList();
	}

	private java.util.Optional<Fault> find(long id) {
		return this.faults.stream().filter((fault) -> fault.id == id).findFirst();
	}

	private static double seconds(Instant from, Instant to) {
		return Math.round(Duration.between(from, to).toMillis() / 100.0) / 10.0;
	}

	/** The timeline as CSV, one action a line, for a spreadsheet. */
	String csv() {
		StringBuilder csv = new StringBuilder("time,component,action,result,action_seconds,shown_after_seconds,"
				+ "promoted,promotion_seconds,failed_requests,error_seconds\n");
		for (Entry entry : entries()) {
			csv.append(List
				.of(entry.at(), entry.component(), entry.action(), entry.result(), blank(entry.actionSeconds()),
						blank(entry.shownAfterSeconds()), blank(entry.promoted()), blank(entry.promotionSeconds()),
						entry.failedRequests(), blank(entry.errorSeconds()))
				.stream()
				.map(Timeline::field)
				.collect(Collectors.joining(","))).append('\n');
		}
		return csv.toString();
	}

	private static Object blank(@Nullable Object value) {
		return (value != null) ? value : "";
	}

	private static String field(Object value) {
		String text = String.valueOf(value);
		return (text.contains(",") || text.contains("\"") || text.contains("\n"))
				? "\"" + text.replace("\"", "\"\"") + "\"" : text;
	}

}
