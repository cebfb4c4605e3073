package io.statewise.load.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.statewise.load.lab.LabSimulation.Journey;
import io.statewise.load.lab.RunResult.Measures;
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
					+ " do session writes fail, and are acknowledged cart writes lost? Default vs durable (WAIT 1),"
					+ " durable with one replica vs two."),

	E3("inventory down during checkout",
			"Under the checkout journey both inventory-service instances freeze and come back: what does order-service's"
					+ " circuit breaker buy (checkout latency and errors, threads, connections and calls held, the time to"
					+ " recover, the reconciler's backlog)? Circuit breaker on vs off."),

	E4("PostgreSQL down",
			"Under browsing and checkout PostgreSQL is killed or frozen, and comes back: how much of browsing and of"
					+ " checkout stays available, and how old is what the catalog serves meanwhile? Stale from the cache"
					+ " vs strict."),

	E5("scale-out",
			"1, 2 and 3 instances of every service under the store's mix, rising in stages: the throughput and"
					+ " latency at the same p99 target, the CPU each tier spends per request, and from those costs a"
					+ " capacity model on paper for 10k and 100k requests/s. And 2 instances with sessions in memory:"
					+ " the capacity of the stateful design beside the distributed one."),

	E6("failure detection",
			"Sentinel down-after 500/1000/5000 ms against a killed primary and one paused for 300 ms or 1.5 s, as a GC"
					+ " pause or a stall would: how long do session writes fail, how often is a healthy primary failed"
					+ " over for nothing, and what does that cost? And the gateway's readiness interval (250 ms, 1 s,"
					+ " 5 s) against a session-service instance that pauses for 1.5 s."),

	E7("the door's price",
			"The same request direct and through the gateway, with everything on and with each gateway feature off"
					+ " in turn: what does the hop add to latency, and cost in CPU, per request?");

	/** E5's variant with sessions in memory, as E1's "memory". */
	static final String SESSIONS_IN_MEMORY = "2 instances per service, sessions in memory";

	/** The Actuator metrics E3 and E4 read ({@link #gauges()}). */
	static final String REQUESTS_IN_FLIGHT = "http.server.requests.active";

	static final String DB_CONNECTIONS = "hikaricp.connections.active";

	static final String BULKHEAD_AVAILABLE = "resilience4j.bulkhead.available.concurrent.calls";

	static final String BULKHEAD_MAX = "resilience4j.bulkhead.max.allowed.concurrent.calls";

	static final String THREADS = "jvm.threads.live";

	static final String BACKLOG = "statewise.orders.backlog.pending";

	static final String CATALOG_CACHE = "statewise.catalog.cache";

	static final String STALE = "result:stale";

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
		Duration outage = Duration.ofSeconds(options.freeze());
		Fault killSession = Fault.of("session-service-1", "kill", options.faultAt());
		Fault killPrimary = Fault.of("redis-primary", "kill", options.faultAt());
		Fault freezePrimary = Fault.of("redis-primary", "freeze", options.faultAt()).undone("thaw", outage);
		return switch (this) {
			case E1 -> List.of(new Variant(this, "redis", Stack.REDIS, Journey.CART, killSession),
					new Variant(this, "memory", Stack.MEMORY, Journey.CART, killSession));
			case E2 -> List.of(new Variant(this, "default, primary killed", Stack.REDIS, Journey.CART, killPrimary),
					new Variant(this, "default, primary frozen", Stack.REDIS, Journey.CART, freezePrimary),
					new Variant(this, "durable, primary killed", Stack.DURABLE, Journey.CART, killPrimary),
					new Variant(this, "durable, primary frozen", Stack.DURABLE, Journey.CART, freezePrimary),
					new Variant(this, "durable, two replicas, primary killed", Stack.DURABLE_TWO_REPLICAS, Journey.CART,
							killPrimary),
					new Variant(this, "durable, two replicas, primary frozen", Stack.DURABLE_TWO_REPLICAS, Journey.CART,
							freezePrimary));
			case E3 -> {
				Fault freezeInventory = new Fault(List.of("inventory-service-1", "inventory-service-2"), "freeze",
						options.faultAt(), "thaw", outage);
				yield List.of(new Variant(this, "circuit breaker on", Stack.REDIS, Journey.CHECKOUT, freezeInventory),
						new Variant(this, "circuit breaker off",
								Stack.REDIS.with("circuit breaker off", "order-service",
										"statewise.inventory.circuit-breaker.enabled", "false"),
								Journey.CHECKOUT, freezeInventory));
			}
			case E4 -> {
				// the cache's entries are fresh for 30 s by default, longer than an
				// outage of
				// the lab: served fresh in both variants, they would hide the difference
				Stack stale = Stack.REDIS.with("catalog fresh for 1 s", "inventory-service",
						"statewise.catalog.cache.fresh-for", "1s");
				Stack strict = stale.with("strict", "inventory-service", "statewise.catalog.cache.serve-stale",
						"false");
				// killed: connections refused at once; frozen: they hang until a timeout
				Fault killPostgres = Fault.of("postgres", "kill", options.faultAt()).undone("start", outage);
				Fault freezePostgres = Fault.of("postgres", "freeze", options.faultAt()).undone("thaw", outage);
				yield List.of(
						new Variant(this, "stale, PostgreSQL killed", stale, Journey.BROWSE_AND_CHECKOUT, killPostgres),
						new Variant(this, "strict, PostgreSQL killed", strict, Journey.BROWSE_AND_CHECKOUT,
								killPostgres),
						new Variant(this, "stale, PostgreSQL frozen", stale, Journey.BROWSE_AND_CHECKOUT,
								freezePostgres),
						new Variant(this, "strict, PostgreSQL frozen", strict, Journey.BROWSE_AND_CHECKOUT,
								freezePostgres));
			}
			case E6 -> {
				List<Variant> variants = new ArrayList<>();
				for (int downAfter : List.of(500, 1000, 5000)) {
					Stack stack = (downAfter == 1000) ? Stack.REDIS : Stack.REDIS
						.with("down-after " + downAfter + " ms", "--stack.sentinel-down-after=" + downAfter + "ms");
					String name = "down-after " + downAfter + " ms, primary ";
					variants.add(new Variant(this, name + "killed", stack, Journey.CART, killPrimary));
					for (int pause : List.of(300, 1500)) {
						variants.add(new Variant(this, name + "paused " + pause + " ms", stack, Journey.CART,
								Fault.of("redis-primary", "freeze", options.faultAt())
									.undone("thaw", Duration.ofMillis(pause))));
					}
				}
				// the same question one tier up: how soon the gateway stops sending to an
				// instance that pauses, against how often it polls every instance's
				// readiness
				Fault pauseSession = Fault.of("session-service-1", "freeze", options.faultAt())
					.undone("thaw", Duration.ofMillis(1500));
				for (int interval : List.of(250, 1000, 5000)) {
					Stack stack = (interval == 1000) ? Stack.REDIS
							: Stack.REDIS.with("readiness every " + interval + " ms", "gateway",
									"spring.cloud.loadbalancer.health-check.interval", interval + "ms");
					variants
						.add(new Variant(this, "readiness every " + interval + " ms, session-service-1 paused 1500 ms",
								stack, Journey.CART, pauseSession));
				}
				yield List.copyOf(variants);
			}
			// no fault: the stair-step itself finds each stack's capacity point; two
			// instances is the plain stack, shared with the other experiments
			case E5 -> List.of(new Variant(this, "1 instance per service", instances(1), Journey.MIX, null),
					new Variant(this, "2 instances per service", Stack.REDIS, Journey.MIX, null),
					new Variant(this, "3 instances per service", instances(3), Journey.MIX, null),
					// the stateful design at its capacity point, for the comparison's
					// scalability row (E1 compares the modes at one rate)
					new Variant(this, SESSIONS_IN_MEMORY, Stack.MEMORY, Journey.MIX, null));
			// a gateway of its own beside the redis stack, no fault
			case E7 -> DoorPrice.VARIANTS.keySet()
				.stream()
				.map((name) -> new Variant(this, name, Stack.REDIS, Journey.CART, null))
				.toList();
			default -> List.of();
		};
	}

	/**
	 * Whether its variants inject a fault: E5 and E7 measure a steady state, so
	 * {@code --fault-at} does not concern them.
	 */
	boolean injectsFaults() {
		return this != E5 && this != E7;
	}

	private static Stack instances(int count) {
		return Stack.REDIS.with(count + " instance" + ((count == 1) ? "" : "s") + " per service",
				"--stack.instances=" + count);
	}

	/** The measures its section's table shows, in order ({@link Measures#ALL}). */
	List<String> measures() {
		List<String> own = switch (this) {
			case E5 -> ScaleOut.MEASURES.stream().map(RunResult.Measure::name).toList();
			case E3 -> List.of("p50", "p99", "failedRequests", "errorSeconds", "checkoutP50Outage", "checkoutP99Outage",
					"checkoutAvailability", "checkoutsPending", "peakRequestsInFlight", "peakDbConnections",
					"peakInventoryCalls", "peakThreads", "recoverySeconds", "peakBacklog", "backlogDrainedSeconds");
			case E4 -> List.of("p50", "p99", "failedRequests", "browseAvailability", "browseP99Outage",
					"checkoutAvailability", "staleAnswers", "maxStaleAge");
			case E6 -> List.of("pauseMillis", "failovers", "failedRequests", "errorSeconds", "p99Outage",
					"writeFailureSeconds", "ackedLost", "acked");
			default -> Measures.BASE;
		};
		if (this == E5) {
			return own;
		}
		List<String> all = new ArrayList<>(own);
		all.add(Measures.STOLEN);
		return all;
	}

	/** The measures its section compares in bar charts. */
	List<String> charts() {
		return switch (this) {
			case E3 -> List.of("checkoutP99Outage", "peakDbConnections", "recoverySeconds");
			case E4 -> List.of("browseAvailability", "checkoutAvailability", "maxStaleAge");
			case E6 -> List.of("failovers", "writeFailureSeconds", "ackedLost");
			case E5 -> List.of("capacityThroughput", "capacityP99");
			default -> List.of("failedRequests", "writeFailureSeconds", "p99");
		};
	}

	/**
	 * The Actuator metrics the sampler reads each second from the instances of a service,
	 * for this experiment's measures.
	 */
	List<Sampler.Gauge> gauges() {
		return switch (this) {
			case E3 -> Stream.of(REQUESTS_IN_FLIGHT, DB_CONNECTIONS, BULKHEAD_AVAILABLE, BULKHEAD_MAX, THREADS, BACKLOG)
				.map((metric) -> new Sampler.Gauge("order-service", metric, null))
				.toList();
			case E4 -> List.of(new Sampler.Gauge("inventory-service", CATALOG_CACHE, STALE));
			default -> List.of();
		};
	}

	/**
	 * One run of an experiment: the stack it needs, what the load's users do, and its
	 * fault ({@code null}: none, E5 and E7 measure a steady state).
	 */
	record Variant(Experiment experiment, String name, Stack stack, Journey journey, @Nullable Fault fault) {

		String label() {
			return this.experiment.name() + " " + this.name;
		}

		/** A file name: {@code e2-default-primary-killed}. */
		String slug() {
			return Experiment.slug(this.experiment.name() + "-" + this.name);
		}

	}

	/**
	 * The local stack a variant needs: the arguments it is started with beyond the lab's
	 * own ({@code --fresh}, the {@code load} profile, its data folder), named by a label
	 * that says what they set ({@code redis, circuit breaker off}). Variants with equal
	 * stacks share one fresh stack; a stack already running ({@code --stack}) serves only
	 * the variants whose stack is its plain session mode.
	 */
	record Stack(String label, List<String> arguments) {

		static final Stack REDIS = new Stack("redis", List.of("--stack.session-mode=redis"));

		static final Stack MEMORY = new Stack("memory", List.of("--stack.session-mode=memory"));

		/** Each session write waits for the replica ({@code WAIT 1}). */
		static final Stack DURABLE = REDIS.with("durable", "session-service", "statewise.session.durable", "true");

		/**
		 * Durable with a second Redis replica: after a failover the promoted replica
		 * still has one to acknowledge {@code WAIT 1}, where with one replica writes stay
		 * refused until the old primary is back.
		 */
		static final Stack DURABLE_TWO_REPLICAS = DURABLE.with("two replicas", "--stack.redis-replicas=2");

		Stack {
			arguments = List.copyOf(arguments);
		}

		/** This stack with more arguments, {@code what} they do added to its label. */
		Stack with(String what, String... more) {
			List<String> all = new ArrayList<>(this.arguments);
			all.addAll(List.of(more));
			return new Stack(this.label + ", " + what, all);
		}

		/**
		 * This stack with a property set on every JVM of one service
		 * ({@code stack.service-properties}).
		 */
		Stack with(String what, String service, String property, String value) {
			return with(what, "--stack.service-properties." + service + "." + property + "=" + value);
		}

		/** A folder name: {@code redis-circuit-breaker-off}. */
		/** Where a fresh stack of these settings keeps its data, keys and logs. */
		Path dataDir(Path work) {
			return work.resolve("stack-" + slug());
		}

		String slug() {
			return Experiment.slug(this.label);
		}

	}

	/**
	 * A control API action on one or more components at a set second of the load, undone
	 * ({@code undo}: {@code thaw}, {@code start}) {@code undoAfter} later when given.
	 */
	record Fault(List<String> components, String action, int atSecond, @Nullable String undo,
			@Nullable Duration undoAfter) {

		Fault {
			components = List.copyOf(components);
		}

		static Fault of(String component, String action, int atSecond) {
			return new Fault(List.of(component), action, atSecond, null, null);
		}

		Fault undone(String undo, Duration after) {
			return new Fault(this.components, this.action, this.atSecond, undo, after);
		}

		String describe() {
			Duration after = this.undoAfter;
			return this.action + " " + String.join(" and ", this.components) + " at " + this.atSecond + " s"
					+ ((after != null) ? ", " + this.undo + " " + describe(after) + " later" : "");
		}

		private static String describe(Duration duration) {
			return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
		}

	}

	static String slug(String text) {
		return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
	}

}
