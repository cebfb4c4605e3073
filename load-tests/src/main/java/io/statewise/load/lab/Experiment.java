package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The lab's experiments (issue 24), each a question the report answers with numbers.
 * Those without variants are not built yet: the report lists them as not run, never with
 * a number.
 */
public enum Experiment {

	E1("session placement",
			"What does keeping sessions in Redis cost per request, and what does keeping them in one instance's"
					+ " memory (sticky) lose when that instance dies?"),

	E2("Redis primary lost",
			"Under the cart workload, the Redis primary is killed, or frozen: how many requests fail, for how long"
					+ " do session writes fail, and are acknowledged cart writes lost? Default vs durable (WAIT)."),

	E3("inventory down during checkout",
			"Circuit breaker on vs off: checkout latency, threads in use, errors, time to recover."),

	E4("PostgreSQL down", "Catalog served stale from the cache vs strict: availability of browsing and checkout."),

	E5("scale-out", "1, 2 and 3 instances per service: throughput and latency at the same p99 target."),

	E6("failure detection",
			"Sentinel down-after 500/1000/5000 ms against a killed and a briefly paused primary: failovers for"
					+ " nothing and unavailability windows."),

	E7("the door's price",
			"The same request direct and through the gateway, with everything on and with each gateway feature off"
					+ " in turn: what does the hop add to latency, and cost in CPU, per request?");

	final String title;

	final String question;

	Experiment(String title, String question) {
		this.title = title;
		this.question = question;
	}

	/** {@code E1,e2} → the experiments named, refusing an unknown name. */
	static List<Experiment> parse(String names) {
		List<Experiment> experiments = new ArrayList<>();
		for (String name : names.split(",")) {
			String trimmed = name.trim().toUpperCase(Locale.ROOT);
			if (trimmed.equals("ALL")) {
				return List.of(values());
			}
			Experiment experiment = Arrays.stream(values())
				.filter((candidate) -> candidate.name().equals(trimmed))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(
						"Unknown experiment '" + name.trim() + "': one of " + Arrays.toString(values()) + " or all"));
			if (!experiments.contains(experiment)) {
				experiments.add(experiment);
			}
		}
		return List.copyOf(experiments);
	}

	/** The runs this experiment is made of; empty when it is not built yet. */
	List<Variant> variants(LabOptions options) {
		Fault killSession = new Fault("session-service-1", "kill", options.faultAt(), null);
		Fault killPrimary = new Fault("redis-primary", "kill", options.faultAt(), null);
		Fault freezePrimary = new Fault("redis-primary", "freeze", options.faultAt(), options.freeze());
		return switch (this) {
			case E1 -> List.of(new Variant(this, "redis", "redis", false, killSession),
					new Variant(this, "memory", "memory", false, killSession));
			case E2 -> List.of(new Variant(this, "default, primary killed", "redis", false, killPrimary),
					new Variant(this, "default, primary frozen", "redis", false, freezePrimary),
					new Variant(this, "durable, primary killed", "redis", true, killPrimary),
					new Variant(this, "durable, primary frozen", "redis", true, freezePrimary));
			// a gateway of its own beside the redis stack, no fault
			case E7 -> DoorPrice.VARIANTS.keySet()
				.stream()
				.map((name) -> new Variant(this, name, "redis", false, null))
				.toList();
			default -> List.of();
		};
	}

	/**
	 * One run of an experiment: the stack it needs (session mode, durable session writes)
	 * and its fault ({@code null}: none, E7 measures a steady state).
	 */
	record Variant(Experiment experiment, String name, String sessionMode, boolean durable, @Nullable Fault fault) {

		String label() {
			return this.experiment.name() + " " + this.name;
		}

		/** A file name: {@code e2-default-primary-killed}. */
		String slug() {
			return (this.experiment.name() + "-" + this.name).toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "-")
				.replaceAll("-$", "");
		}

		String stack() {
			return this.sessionMode + (this.durable ? ", durable" : "");
		}

	}

	/**
	 * A control API action on a component at a set second of the load, undone
	 * ({@code thaw}) after {@code thawAfter} seconds when given.
	 */
	record Fault(String component, String action, int atSecond, @Nullable Integer thawAfter) {

		String describe() {
			return this.action + " " + this.component + " at " + this.atSecond + " s"
					+ ((this.thawAfter != null) ? ", thawed " + this.thawAfter + " s later" : "");
		}

	}

}
