package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.RunResult.Measure;
import io.statewise.load.lab.RunResult.Measures;
import org.jspecify.annotations.Nullable;

/**
 * The lab's report: {@code README.md} topped by the seed's comparison table with a
 * measured number (or an explicit "not measured") in every cell, a section per experiment
 * with its medians and spreads, its charts (SVG) and its runs' verdicts, the raw
 * per-second data as CSV, and the machine, versions and command it was measured with.
 */
final class Report {

	static final String MARKDOWN = "README.md";

	private final LabOptions options;

	private final List<RunResult> results;

	private final Map<Variant, String> skipped;

	private final Path dir;

	Report(LabOptions options, List<RunResult> results, Map<Variant, String> skipped) {
		this.options = options;
		this.results = List.copyOf(results);
		this.skipped = Map.copyOf(skipped);
		this.dir = options.out();
	}

	Path write() {
		try {
			Files.createDirectories(this.dir);
			writeCsv();
			StringBuilder md = new StringBuilder();
			md.append("# The trade-off lab, ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
			md.append("Written by `").append(this.options.commandLine()).append("` (docs/lab.md). ");
			md.append(this.options.quick() ? "**Short lab**: seconds per run, one repetition; it proves the"
					+ " machinery, its figures are not for decisions.\n\n" : "\n\n");
			md.append(comparison()).append('\n');
			for (Experiment experiment : Experiment.values()) {
				md.append(section(experiment)).append('\n');
			}
			md.append(metadata());
			Path report = this.dir.resolve(MARKDOWN);
			Files.writeString(report, md.toString(), StandardCharsets.UTF_8);
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report into " + this.dir, ex);
		}
	}

	/** The seed's table, every adjective replaced by a number and where it comes from. */
	private String comparison() {
		Variant redis = variant(Experiment.E1, "redis");
		Variant memory = variant(Experiment.E1, "memory");
		Variant killed = variant(Experiment.E2, "default, primary killed");
		Variant frozen = variant(Experiment.E2, "default, primary frozen");
		Variant door = variant(Experiment.E7, "everything on");
		Variant breakerOn = variant(Experiment.E3, "circuit breaker on");
		Variant staleCatalog = variant(Experiment.E4, "stale, PostgreSQL killed");
		Variant paused = variant(Experiment.E6, "down-after 1000 ms, primary paused 1500 ms");
		StringBuilder table = new StringBuilder("## Distributed vs stateful, measured\n\n");
		table.append("The seed article's comparison, each adjective replaced by a number measured here: the median")
			.append(" of the runs, their lowest–highest in brackets, and the experiment it comes from. Distributed:")
			.append(" sessions in replicated Redis, any instance serves any user. Stateful: sessions in the memory")
			.append(" of the session-service instance the gateway keeps each user on. The cells from E3, E4 and E6 are")
			.append(" the distributed store's other stores and its failure detection: they hold whichever session")
			.append(" mode runs, so they stand in the distributed column only.\n\n");
		table.append("| feature | distributed (sessions in Redis) | stateful (sessions in one instance's memory) |\n");
		table.append("|---|---|---|\n");
		table.append("| State management | ")
			.append(cell(redis, "redisPerRequest", " Redis commands and ", "cpuPerRequest",
					" ms of CPU (whole stack) per request"))
			.append(" | ")
			.append(cell(memory, "redisPerRequest", " Redis commands and ", "cpuPerRequest",
					" ms of CPU (whole stack) per request"))
			.append(" |\n");
		List<Variant> scaledOut = Experiment.E5.variants(this.options)
			.stream()
			.filter((variant) -> !variant.name().equals(Experiment.SESSIONS_IN_MEMORY))
			.toList();
		table.append("| Scalability | ")
			.append(scalability(scaledOut))
			.append(" | ")
			.append(scalability(List.of(variant(Experiment.E5, Experiment.SESSIONS_IN_MEMORY))))
			.append(" |\n");
		table.append("| Fault tolerance | ")
			.append(cell(redis, "sessionsLostPercent", " % of sessions lost and ", "failedRequests",
					" failed requests when a session-service instance is killed"))
			.append("; ")
			.append(cell(killed, "writeFailureSeconds",
					" s in which session writes failed when the Redis primary is killed"))
			.append("; ")
			.append(cell(staleCatalog, "browseAvailability", " % of browsing answered while PostgreSQL was down"))
			.append("; ")
			.append(cell(breakerOn, "checkoutAvailability", " % of checkouts accepted while inventory was down"))
			.append(" | ")
			.append(cell(memory, "sessionsLostPercent", " % of sessions lost and ", "failedRequests",
					" failed requests when a session-service instance is killed"))
			.append(" |\n");
		table.append("| Latency | ")
			.append(cell(redis, "p50", " ms p50, ", "p99", " ms p99 at ", "okPerSecond", " requests/s"))
			.append("; ")
			.append(cell(door, "addedP50",
					" µs added per request by the hop through the gateway (median at one" + " connection), ",
					"gatewayCpu", " µs of the gateway's CPU per request"))
			.append(" | ")
			.append(cell(memory, "p50", " ms p50, ", "p99", " ms p99 at ", "okPerSecond", " requests/s"))
			.append(" |\n");
		table.append("| Consistency | ")
			.append(cell(killed, "ackedLost", " acknowledged cart writes lost of ", "acked",
					" when the Redis primary is killed"))
			.append("; ")
			.append(cell(frozen, "ackedLost", " lost of ", "acked", " when it is frozen"))
			.append("; ")
			.append(cell(paused, "failovers", " failovers and ", "ackedLost",
					" acknowledged cart writes lost when the primary pauses for 1.5 s"))
			.append("; ")
			.append(cell(staleCatalog, "maxStaleAge", " s: the oldest catalog answer served while PostgreSQL was down"))
			.append(" | ")
			.append(cell(memory, "ackedLost", " acknowledged cart writes lost of ", "acked",
					" when a session-service instance is killed"))
			.append(" |\n");
		return table.toString();
	}

	/**
	 * The capacity throughput of each of E5's variants given, or one "not measured" when
	 * none ran.
	 */
	private String scalability(List<Variant> variants) {
		if (variants.stream().allMatch((variant) -> completed(variant).isEmpty())) {
			return "not measured ("
					+ ((variants.size() == 1) ? variants.get(0).label() : variants.get(0).experiment().name())
					+ " not run)";
		}
		return variants.stream()
			.map((variant) -> cell(variant, "capacityThroughput",
					" requests/s of the mix at p99 ≤ " + this.options.p99Target() + " ms"))
			.collect(Collectors.joining("; ")) + ", all on the same " + Runtime.getRuntime().availableProcessors()
				+ " cores: the capacity model in E5 sizes from each tier's CPU per request instead";
	}

	/** The variant of that name, whether it ran or not. */
	private Variant variant(Experiment experiment, String name) {
		return experiment.variants(this.options)
			.stream()
			.filter((variant) -> variant.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	/**
	 * Measures of one variant, each followed by its text, then where they come from:
	 * "**12.3 (11.0–13.1, 3 runs)** ms p50, ... (E1 redis)"; or "not measured (... not
	 * run)".
	 */
	private String cell(Variant variant, String... measuresAndTexts) {
		StringBuilder cell = new StringBuilder();
		for (int i = 0; i < measuresAndTexts.length; i += 2) {
			Stats.Spread spread = spread(variant, measuresAndTexts[i]);
			if (spread == null) {
				return "not measured (" + variant.label() + (completed(variant).isEmpty() ? " not run" + reason(variant)
						: " ran, but none of its runs gave this figure") + ")";
			}
			cell.append("**").append(format(spread)).append("**").append(measuresAndTexts[i + 1]);
		}
		return cell.append(" (").append(variant.label()).append(')').toString();
	}

	private String reason(Variant variant) {
		String reason = this.skipped.get(variant);
		return (reason != null) ? ": " + reason : "";
	}

	private Stats.@Nullable Spread spread(Variant variant, String measure) {
		return Stats.spread(completed(variant).stream().map((run) -> run.measure(measure)).toList());
	}

	private List<RunResult> completed(Variant variant) {
		return this.results.stream().filter((run) -> run.variant().equals(variant) && run.completed()).toList();
	}

	static String format(Stats.Spread spread) {
		String median = number(spread.median());
		if (spread.runs() == 1) {
			return median + " (1 run)";
		}
		return median + " (" + number(spread.min()) + "–" + number(spread.max()) + ", " + spread.runs() + " runs)";
	}

	static String number(double value) {
		if (value == Math.rint(value) && Math.abs(value) < 1e9) {
			return String.valueOf((long) value);
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 10) ? "%.1f" : "%.2f", value);
	}

	private String section(Experiment experiment) {
		StringBuilder md = new StringBuilder("## " + experiment.name() + " " + experiment.title + "\n\n");
		md.append(experiment.question).append("\n\n");
		List<Variant> variants = experiment.variants(this.options);
		if (variants.isEmpty()) {
			return md.append("**Not run yet**: this experiment is not built yet; no number is reported for it.\n")
				.toString();
		}
		if (!this.options.experiments().contains(experiment)) {
			return md.append("**Not run** in this lab run (not asked for with `--experiments`).\n").toString();
		}
		List<Variant> ran = variants.stream().filter((variant) -> !completed(variant).isEmpty()).toList();
		for (Variant variant : variants) {
			if (ran.contains(variant)) {
				continue;
			}
			md.append("- **").append(variant.name()).append("**: not measured").append(reason(variant)).append(".\n");
		}
		if (ran.isEmpty()) {
			return md.append(failures(experiment)).toString();
		}
		if (experiment == Experiment.E7) {
			return md.append(DoorReport.section(this.options, ran, this::spread, this.dir))
				.append(failures(experiment))
				.toString();
		}
		if (experiment == Experiment.E5) {
			md.append('\n').append(ScaleOutReport.method(this.options));
		}
		else {
			md.append("\nEach run: ")
				.append(this.options.rate())
				.append(" users/s arriving (")
				.append(ran.get(0).journey().description)
				.append("), ")
				.append(this.options.loadSeconds())
				.append(" s of load.\n\n");
		}
		md.append("| measure | ").append(ran.stream().map(Variant::name).collect(Collectors.joining(" | ")));
		md.append(" |\n|---|").append("---|".repeat(ran.size())).append('\n');
		md.append("| stack | ")
			.append(ran.stream().map((variant) -> variant.stack().label()).collect(Collectors.joining(" | ")))
			.append(" |\n");
		md.append("| fault | ")
			.append(ran.stream()
				.map((variant) -> (variant.fault() != null) ? variant.fault().describe() : "none")
				.collect(Collectors.joining(" | ")))
			.append(" |\n");
		for (Measure measure : experiment.measures().stream().map(Measures::named).toList()) {
			md.append("| ").append(measure.label()).append(" | ");
			md.append(ran.stream().map((variant) -> {
				Stats.Spread spread = spread(variant, measure.name());
				return (spread == null) ? "—" : format(spread);
			}).collect(Collectors.joining(" | "))).append(" |\n");
		}
		md.append('\n').append(charts(experiment, ran));
		if (experiment == Experiment.E5) {
			md.append(capacityModel());
		}
		return md.append(verdicts(experiment)).append(failures(experiment)).toString();
	}

	/**
	 * E5's capacity model, from the medians of the default stack's runs (every service
	 * twice, as a deployment would run it at the least), or of the first variant with
	 * costs measured when that one has none.
	 */
	private String capacityModel() {
		List<Variant> variants = Experiment.E5.variants(this.options);
		Variant source = Stream.of(variants.get(1), variants.get(0), variants.get(2))
			.filter((variant) -> spread(variant, "cpuGateway") != null)
			.findFirst()
			.orElse(variants.get(1));
		CapacityModel.Costs costs = CapacityModel.Costs.from((measure) -> {
			Stats.Spread spread = spread(source, measure);
			return (spread != null) ? spread.median() : Double.NaN;
		});
		return ScaleOutReport.model(costs, source.label(), CapacityModel.ASSUMED);
	}

	private String charts(Experiment experiment, List<Variant> ran) {
		StringBuilder md = new StringBuilder();
		for (String measure : experiment.charts()) {
			Map<String, Stats.Spread> spreads = new LinkedHashMap<>();
			for (Variant variant : ran) {
				Stats.Spread spread = spread(variant, measure);
				if (spread != null) {
					spreads.put(variant.name(), spread);
				}
			}
			String label = Measures.named(measure).label();
			if (spreads.isEmpty()) {
				// a chart of nothing would read as zero: say it instead (E3's checkout
				// figures in a run whose journeys never reached checkout)
				md.append("- ").append(label).append(": no run gave this figure, no chart.\n");
				continue;
			}
			String file = experiment.name().toLowerCase(Locale.ROOT) + "-" + measure + ".svg";
			Charts.bars(experiment.name() + ": " + label, label, spreads, this.dir.resolve(file));
			md.append("![")
				.append(experiment.name())
				.append(": ")
				.append(label)
				.append("](")
				.append(file)
				.append(")\n");
		}
		md.append('\n');
		for (Variant variant : ran) {
			RunResult first = completed(variant).get(0);
			String file = variant.slug() + "-run" + first.repetition() + ".svg";
			Charts.overTime(
					variant.label() + ", run " + first.repetition()
							+ ((variant.fault() != null) ? " (fault shaded)" : ""),
					first.client(), first.faultStart(), first.faultEnd(), this.dir.resolve(file));
			md.append("![").append(variant.label()).append(" over time](").append(file).append(")\n");
			if (experiment == Experiment.E3) {
				String held = variant.slug() + "-run" + first.repetition() + "-order-service.svg";
				Charts.figures(variant.label() + ", run " + first.repetition() + ": what order-service held",
						"count (both instances)", heldByOrderService(first), first.faultStart(), first.faultEnd(),
						this.dir.resolve(held));
				md.append("![")
					.append(variant.label())
					.append(": what order-service held](")
					.append(held)
					.append(")\n");
			}
		}
		return md.append('\n').toString();
	}

	/** E3's order-service gauges each second, summed over its instances. */
	private static Map<String, Map<Integer, Double>> heldByOrderService(RunResult run) {
		String service = "order-service";
		Map<String, Map<Integer, Double>> lines = new LinkedHashMap<>();
		lines.put("requests in flight", Figures.bySecond(run.components(), service,
				Figures.gauge(Experiment.REQUESTS_IN_FLIGHT), 0, Double::sum));
		lines.put("database connections in use",
				Figures.bySecond(run.components(), service, Figures.gauge(Experiment.DB_CONNECTIONS), 0, Double::sum));
		lines.put("inventory calls in flight", Figures.bySecond(run.components(), service,
				Figures.inUse(Experiment.BULKHEAD_MAX, Experiment.BULKHEAD_AVAILABLE), 0, Double::sum));
		lines.put("orders PENDING",
				Figures.bySecond(run.components(), service, Figures.gauge(Experiment.BACKLOG), 0, Math::max));
		return lines;
	}

	private String verdicts(Experiment experiment) {
		StringBuilder md = new StringBuilder("Invariants after each run (stock consistent, every order settled, one")
			.append(" order per key; the cart writes above):\n\n");
		for (RunResult run : runs(experiment)) {
			if (run.completed()) {
				md.append("- ").append(run.variant().name()).append(", run ").append(run.repetition()).append(": ");
				md.append((run.invariants() == null) ? "held" : "**broken**: " + run.invariants()).append('\n');
			}
		}
		return md.append('\n').toString();
	}

	private String failures(Experiment experiment) {
		StringBuilder md = new StringBuilder();
		for (RunResult run : runs(experiment)) {
			if (!run.completed()) {
				md.append("- **")
					.append(run.variant().name())
					.append(", run ")
					.append(run.repetition())
					.append(" failed**: ")
					.append(run.failure())
					.append('\n');
			}
		}
		return md.toString();
	}

	private List<RunResult> runs(Experiment experiment) {
		return this.results.stream().filter((run) -> run.variant().experiment() == experiment).toList();
	}

	private void writeCsv() throws IOException {
		csv("client.csv", "experiment,variant,repetition,t,sent,ok,failed,p50_ms,p99_ms",
				(run) -> run.client()
					.stream()
					.map((row) -> String.join(",", key(run), String.valueOf(row.t()), String.valueOf(row.sent()),
							String.valueOf(row.ok()), String.valueOf(row.failed()), cell(row.p50()), cell(row.p99())))
					.toList());
		csv("components.csv", "experiment,variant,repetition,t,component,state,role,cpu_ms,redis_commands",
				(run) -> run.components()
					.stream()
					.map((row) -> String.join(",", key(run), String.valueOf(row.t()), row.component(), row.state(),
							row.role().replace(',', ' '), cell(row.cpuMillis()), cell(row.redisCommands())))
					.toList());
		csv("requests.csv", "experiment,variant,repetition,t,request,group,sent,ok,failed,p50_ms,p99_ms,statuses",
				(run) -> run.requests()
					.stream()
					.map((row) -> String.join(",", key(run), String.valueOf(row.t()), quote(row.request()), row.group(),
							String.valueOf(row.sent()), String.valueOf(row.ok()), String.valueOf(row.failed()),
							cell(row.p50()), cell(row.p99()), quote(row.statuses().toString())))
					.toList());
		csv("gauges.csv", "experiment,variant,repetition,t,component,gauge,value",
				(run) -> run.components()
					.stream()
					.flatMap((row) -> row.gauges()
						.entrySet()
						.stream()
						.map((gauge) -> String.join(",", key(run), String.valueOf(row.t()), row.component(),
								quote(gauge.getKey()), cell(gauge.getValue()))))
					.toList());
		csv("runs.csv", "experiment,variant,repetition,fault_start_s,fault_end_s,"
				+ Measures.ALL.stream().map(Measure::name).collect(Collectors.joining(",")) + ",invariants,failure",
				(run) -> List.of(String.join(",", key(run), number(run.faultStart()), number(run.faultEnd()),
						Measures.ALL.stream()
							.map((measure) -> cell(run.measures().get(measure.name())))
							.collect(Collectors.joining(",")),
						quote((run.invariants() == null) ? "held" : run.invariants()),
						quote((run.failure() == null) ? "" : run.failure()))));
		csv("e7.csv",
				"experiment,variant,repetition,"
						+ DoorFigures.ALL.stream().map(Measure::name).collect(Collectors.joining(",")),
				(run) -> (run.door() == null) ? List.of()
						: List.of(String.join(",", key(run),
								DoorFigures.ALL.stream()
									.map((measure) -> cell(run.measure(measure.name())))
									.collect(Collectors.joining(",")))));
	}

	private void csv(String file, String header, Function<RunResult, List<String>> rows) throws IOException {
		List<String> lines = new ArrayList<>(List.of(header));
		this.results.forEach((run) -> lines.addAll(rows.apply(run)));
		Files.write(this.dir.resolve(file), lines, StandardCharsets.UTF_8);
	}

	private static String key(RunResult run) {
		return run.variant().experiment().name() + "," + quote(run.variant().name()) + "," + run.repetition();
	}

	private static String cell(@Nullable Number value) {
		return (value == null || Double.isNaN(value.doubleValue())) ? "" : number(value.doubleValue());
	}

	private static String quote(String text) {
		return "\"" + text.replace("\"", "\"\"").replace('\n', ' ') + "\"";
	}

	private String metadata() {
		StringBuilder md = new StringBuilder("## How this was measured\n\n");
		md.append("Raw data, one row per second of each run: [client.csv](client.csv) (what the load generator saw,")
			.append(" counted in the second each request was sent), [requests.csv](requests.csv) (the same by request")
			.append(" name, with the answers by status), [components.csv](components.csv) (CPU and Redis commands of")
			.append(" every component, from `/proc` and `INFO stats`), [gauges.csv](gauges.csv) (the services' Actuator")
			.append(" metrics an experiment reads), [runs.csv](runs.csv) (the measures of each run), [e7.csv](e7.csv)")
			.append(" (E7's figures, one row per run).\n\n");
		md.append("| | |\n|---|---|\n");
		md.append("| command | `").append(this.options.commandLine()).append("` |\n");
		md.append("| date (UTC) | ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" |\n");
		md.append("| git commit | ").append(commit()).append(" |\n");
		List<String> labs = new SavedRuns(this.options.out()).labs();
		if (labs.size() > 1) {
			// resumed: each lab's runs ran the code of its commit
			md.append("| runs made by | ").append(String.join("<br>", labs)).append(" |\n");
		}
		md.append("| machine | ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(memory())
			.append(", ")
			.append(System.getProperty("os.name"))
			.append(' ')
			.append(System.getProperty("os.version"))
			.append(' ')
			.append(System.getProperty("os.arch"))
			.append(" |\n");
		md.append("| lab JDK | ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append(" |\n");
		md.append("| Gatling | ").append(version("io.gatling", "gatling-app")).append(" (in the lab's JVM) |\n");
		md.append("| XChart | ").append(version("org.knowm.xchart", "xchart")).append(" |\n");
		md.append("| load | ")
			.append(this.options.rate())
			.append(" users/s (each experiment's journey, ")
			.append(this.options.cartChanges())
			.append(" changes, think time ")
			.append(this.options.thinkTime().toMillis())
			.append(" ms), ramp ")
			.append(this.options.ramp())
			.append(" s, then ")
			.append(this.options.duration())
			.append(" s; fault at ")
			.append(this.options.faultAt())
			.append(" s; ")
			.append(this.options.probes())
			.append(" probes writing every ")
			.append(this.options.probeInterval().toMillis())
			.append(" ms |\n");
		md.append("| E7 | `GET ")
			.append(DoorPrice.PATH)
			.append("` (and, signed in, `GET ")
			.append(DoorPrice.ORDERS.path())
			.append("`) direct and through a gateway of its own, ")
			.append(DoorPrice.CONNECTIONS)
			.append(" connections and one, closed model (Apache HttpClient ")
			.append(version("org.apache.httpcomponents.client5", "httpclient5"))
			.append("), warm-up ")
			.append(this.options.warmUp())
			.append(" s, ")
			.append(DoorPrice.secondsEach(this.options))
			.append(" s per measurement |\n");
		md.append("| stacks | ")
			.append((this.options.stack() != null) ? "the stack already running at " + this.options.stack()
					: "a fresh local stack per variant (`--fresh --spring.profiles.active=load`), reset between runs")
			.append(" |\n");
		return md.toString();
	}

	private static String memory() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return Math.round(os.getTotalMemorySize() / 1e9) + " GB memory";
		}
		return "memory unknown";
	}

	/** A library's version from the {@code pom.properties} Maven put in its jar. */
	private static String version(String group, String artifact) {
		String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
		try (var in = Report.class.getResourceAsStream(path)) {
			if (in == null) {
				return "unknown";
			}
			java.util.Properties properties = new java.util.Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * The commit checked out, and whether tracked files have changes beyond it. Untracked
	 * files are not counted: a resumed lab's own output folder is one.
	 */
	static String commit() {
		boolean changed = !git("status", "--porcelain", "--untracked-files=no").isBlank();
		return git("rev-parse", "HEAD") + (changed ? " (with uncommitted changes)" : "");
	}

	private static String git(String... args) {
		List<String> command = new ArrayList<>(List.of("git"));
		command.addAll(List.of(args));
		try {
			Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0) ? out : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
