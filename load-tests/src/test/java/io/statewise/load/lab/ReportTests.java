package io.statewise.load.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.RunResult.ClientRow;
import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.Measures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report from runs made up here (the short lab in infra/local-stack writes one from
 * real runs): every file is there, every chart is an SVG document, and a variant that did
 * not run is "not measured" in the comparison, never a number.
 */
class ReportTests {

	@TempDir
	Path out;

	@Test
	void reportShouldHoldTheTableTheChartsAndTheRawData() throws Exception {
		LabOptions options = LabOptions.parse("--short", "--experiments=E1,E2", "--out=" + this.out);
		Variant redis = options.experiments().get(0).variants(options).get(0);

		Path report = new Report(options, List.of(run(redis, 1), run(redis, 2)), Map.of()).write();

		assertThat(this.out.resolve("client.csv")).content().startsWith("experiment,variant,repetition,t,");
		assertThat(Files.readAllLines(this.out.resolve("runs.csv"))).hasSize(3);
		assertThat(Files.readString(report)).contains("| Latency | **12 (12–12, 2 runs)** ms p50")
			.contains("not measured (E1 memory not run)")
			.contains("| Scalability | not measured (E5 not run)")
			.contains("**Not run** in this lab run");
		assertThat(ReportCheck.problems(this.out)).isEmpty();
		assertThat(svgs()).hasSize(4).allMatch(ReportCheck::isSvg);
	}

	@Test
	void anE7ReportShouldTableEveryVariantAndFillTheLatencyRowsDistributedCell() throws Exception {
		LabOptions options = LabOptions.parse("--short", "--experiments=E7", "--out=" + this.out);
		List<Variant> variants = Experiment.E7.variants(options);
		List<RunResult> runs = List.of(door(variants.get(0), 1, 1000), door(variants.get(0), 2, 1400),
				door(variants.get(1), 1, 300), RunResult.failed(variants.get(2), 1, "the gateway did not answer"),
				door(variants.get(4), 1, 1500));

		String report = Files.readString(new Report(options, runs, Map.of()).write());

		assertThat(report).contains("| everything on | 4000 (4000–4000, 2 runs) | 1000 (1000–1000, 2 runs)")
			.contains("| rate limit off | 4000 (1 run) | 1000 (1 run) | 0.25 (1 run)")
			.contains("**1000 (1000–1400, 2 runs)** µs added per request")
			.contains("- **circuit breaker off, run 1 failed**: the gateway did not answer")
			.contains("- **observations off**: not measured.")
			.contains("| signed in: edge authentication | 4000 (1 run) | 1000 (1 run) | 0.25 (1 run)")
			.contains("- **signed in: edge authentication**: as configured, `GET /api/orders`");
		assertThat(Files.readAllLines(this.out.resolve("e7.csv"))).hasSize(5)
			.element(1)
			.asString()
			.startsWith("E7,\"everything on\",1,4000,1000,0.25,");
		assertThat(ReportCheck.problems(this.out)).isEmpty();
		assertThat(svgs()).hasSize(2).allMatch(ReportCheck::isSvg);
	}

	@Test
	void aReportFromRunsOfSeveralLabsShouldNameEach() throws Exception {
		LabOptions options = LabOptions.parse("--short", "--experiments=E3", "--out=" + this.out);
		Variant breakerOn = options.experiments().get(0).variants(options).get(0);
		SavedRuns saved = new SavedRuns(this.out);
		saved.recordLab("2026-12-02T19:49:00Z, commit 9c395c1: `./lab`");
		saved.recordLab("2026-12-03T08:00:00Z, commit 1234567: `./lab --resume`");

		Path report = new Report(options, List.of(run(breakerOn, 1)), Map.of()).write();

		assertThat(Files.readString(report)).contains(
				"| runs made by | 2026-12-02T19:49:00Z, commit 9c395c1: `./lab`<br>2026-12-03T08:00:00Z, commit 1234567: `./lab --resume` |");
	}

	static RunResult door(Variant variant, int repetition, double addedMicros) {
		return RunResult.door(variant, repetition,
				new DoorFigures(4000, 1000, 20, 80, 400, 400 + addedMicros, 500 + addedMicros / 10));
	}

	@Test
	void aMeasureNoRunGaveShouldBeSaidNotChartedAsZero() throws Exception {
		LabOptions options = LabOptions.parse("--short", "--experiments=E3", "--out=" + this.out);
		Variant breakerOn = options.experiments().get(0).variants(options).get(0);

		Path report = new Report(options, List.of(run(breakerOn, 1)), Map.of()).write();

		assertThat(Files.readString(report))
			.contains("checkout p99 ms, sent during the outage: no run gave this figure, no chart.")
			.contains("not measured (E3 circuit breaker on ran, but none of its runs gave this figure)");
		assertThat(this.out.resolve("e3-checkoutP99Outage.svg")).doesNotExist();
		assertThat(ReportCheck.problems(this.out)).isEmpty();
	}

	@Test
	void anE5ReportShouldCompareCapacityPerInstanceCountAndSizeTheModelFromTheMeasuredCosts() throws Exception {
		LabOptions options = LabOptions.parse("--short", "--experiments=E5", "--out=" + this.out);
		List<Variant> variants = Experiment.E5.variants(options);
		List<RunResult> runs = List.of(scaleOut(variants.get(0), 1, 60), scaleOut(variants.get(1), 1, 55),
				scaleOut(variants.get(1), 2, 65), scaleOut(variants.get(2), 1, Double.NaN),
				scaleOut(variants.get(3), 1, 40));

		String report = Files.readString(new Report(options, runs, Map.of()).write());

		assertThat(report).contains("in 3 stages of 2 s at 1, 2, 3 users/s")
			.contains(
					"| requests/s answered at the capacity point | 60 (1 run) | 55 (55–65, 2 runs) | — | 40 (1 run) |")
			.contains(
					"| stages held (p99 at most the target, < 1 % failed) | 2 (1 run) | 2 (2–2, 2 runs) | 0 (1 run) | 2 (1 run) |")
			.contains(
					"| Scalability | **60 (1 run)** requests/s of the mix at p99 ≤ 500 ms (E5 1 instance per service);")
			// the stateful design's cell: the memory variant alone
			.contains(" | **40 (1 run)** requests/s of the mix at p99 ≤ 500 ms (E5 2 instances per service, sessions in"
					+ " memory), all on the same")
			.contains("not measured (E5 3 instances per service ran, but none of its runs gave this figure)")
			.contains("(E5 2 instances per service, medians)")
			.contains("| gateway | 1000 µs CPU | 10 cores busy: **9 replicas**")
			.contains("one primary does 60,000/s: **one Sentinel-managed primary**")
			.contains("**Redis Cluster, 4 shards**")
			.contains("**beyond one primary**: writes partitioned over 2 primaries");
		assertThat(this.out.resolve("e5-capacityThroughput.svg")).matches(ReportCheck::isSvg);
		assertThat(ReportCheck.problems(this.out)).isEmpty();
	}

	@Test
	void anE5ReportWithoutACapacityPointShouldSayTheModelIsNotComputed() throws Exception {
		LabOptions options = LabOptions.parse("--short", "--experiments=E5", "--out=" + this.out);
		Variant two = Experiment.E5.variants(options).get(1);

		String report = Files.readString(new Report(options, List.of(scaleOut(two, 1, Double.NaN)), Map.of()).write());

		assertThat(report).contains("Not computed: E5 2 instances per service gave no cpuGateway")
			.contains(" | not measured (E5 2 instances per service, sessions in memory not run) |");
		assertThat(ReportCheck.problems(this.out)).isEmpty();
	}

	/**
	 * An E5 run at that capacity throughput, with the costs of CapacityModelTests; none
	 * held ({@code NaN}): only the stages held, zero.
	 */
	private static RunResult scaleOut(Variant variant, int repetition, double throughput) {
		Map<String, Double> figures = new java.util.HashMap<>(Map.of("stagesHeld", 0.0));
		if (!Double.isNaN(throughput)) {
			figures.putAll(Map.of("stagesHeld", 2.0, "capacityRate", 2.0, "capacityThroughput", throughput,
					"capacityP50", 12.0, "capacityP99", 300.0, "capacityFailedPercent", 0.0, "cpuGateway", 1000.0,
					"cpuInventory", 500.0, "cpuSession", 2000.0, "cpuOrder", 50.0));
			figures.putAll(Map.of("cpuRedis", 20.0, "capacityRedisPerRequest", 2.0, "redisCpuPerCommand", 10.0,
					"cpuPostgres", 100.0, "checkoutsPerRequest", 0.02, "cpuLoadGenerator", 3000.0));
		}
		List<ClientRow> client = List.of(new ClientRow(0, 10, 10, 0, 12.0, 40.0),
				new ClientRow(1, 20, 20, 0, 12.0, 300.0));
		return new RunResult(variant, repetition, client, List.of(), List.of(), null, -1, -1, null, null,
				Measures.NONE.and(figures), null);
	}

	private List<Path> svgs() throws IOException {
		try (var files = Files.list(this.out)) {
			return files.filter((file) -> file.toString().endsWith(".svg")).toList();
		}
	}

	static RunResult run(Variant variant, int repetition) {
		List<ClientRow> client = new ArrayList<>();
		for (int t = 0; t < 10; t++) {
			client.add(new ClientRow(t, 10, (t < 4) ? 10 : 7, (t < 4) ? 0 : 3, 12.0, 40.0));
		}
		List<ComponentRow> components = List.of(new ComponentRow(1, "redis-1", "RUNNING", "primary", 30L, 120L));
		Prober.Outcome probes = new Prober.Outcome(4, 0, 0, 100, 0, 3, 600, 200);
		return new RunResult(variant, repetition, client, List.of(), components, probes, 4, 10, null, null,
				new Measures(10, 12, 40, 3, 12, 18, 6, 0.6, 0, 0, 100), null);
	}

}
