package io.statewise.load.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.statewise.load.lab.Experiment.Variant;
import io.statewise.load.lab.RunResult.RequestRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A lab stopped before its end continues with {@code --resume}: each completed run is
 * kept whole, as it was, and found again by its variant and repetition; a failed one is
 * not kept, so resuming runs it again; starting over kept runs needs saying so.
 */
class SavedRunsTests {

	@TempDir
	Path out;

	@Test
	void aKeptRunShouldBeFoundAgainAsItWas() {
		LabOptions options = LabOptions.parse("--short", "--experiments=E3", "--out=" + this.out);
		Variant breakerOn = Experiment.E3.variants(options).get(0);
		RunResult run = ReportTests.run(breakerOn, 2);
		// NaN (not measured), a status table, gauges: what the report reads back
		run = new RunResult(breakerOn, 2, run.client(),
				List.of(new RequestRow(3, "checkout", "checkout", 4, 3, 1, List.of(12, 40, 700),
						Map.of(201, 3L, 504, 1L))),
				run.components(), run.probes(), 4.5, 14.5, "stock inconsistent", null,
				run.measures().and(Map.of("checkoutP99Outage", Double.NaN, "peakBacklog", 7.0)), null);
		SavedRuns saved = new SavedRuns(this.out);

		saved.keep(run);

		RunResult found = new SavedRuns(this.out).find(breakerOn, 2).orElseThrow();
		// Double.equals: NaN, "not measured", is itself
		assertThat(found).usingRecursiveComparison().withEqualsForType(Double::equals, Double.class).isEqualTo(run);
		assertThat(found.measure("checkoutP99Outage")).isNaN();
		assertThat(found.variant()).isSameAs(breakerOn);
		assertThat(saved.find(breakerOn, 1)).isEmpty();
	}

	@Test
	void eachLabThatKeptRunsShouldBeNamedInTheOrderTheyRan() {
		SavedRuns saved = new SavedRuns(this.out);
		assertThat(saved.labs()).isEmpty();

		saved.recordLab("first, commit a");
		new SavedRuns(this.out).recordLab("second, commit b\nwith a newline");

		assertThat(saved.labs()).containsExactly("first, commit a", "second, commit b with a newline");
	}

	@Test
	void anE7RunShouldKeepItsFigures() {
		LabOptions options = LabOptions.parse("--short", "--experiments=E7", "--out=" + this.out);
		Variant everythingOn = Experiment.E7.variants(options).get(0);
		RunResult run = ReportTests.door(everythingOn, 1, 1000);

		new SavedRuns(this.out).keep(run);

		assertThat(new SavedRuns(this.out).find(everythingOn, 1)).get().usingRecursiveComparison().isEqualTo(run);
	}

	@Test
	void aRunKeptAsPlainJsonByAnOlderLabShouldBeFoundToo() throws IOException {
		LabOptions options = LabOptions.parse("--short", "--experiments=E7", "--out=" + this.out);
		Variant everythingOn = Experiment.E7.variants(options).get(0);
		RunResult run = ReportTests.door(everythingOn, 1, 1000);
		new SavedRuns(this.out).keep(run);
		Path gzipped = this.out.resolve("work/runs/e7-everything-on-run-1.json.gz");
		try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped))) {
			Files.write(this.out.resolve("work/runs/e7-everything-on-run-1.json"), in.readAllBytes());
		}
		Files.delete(gzipped);

		assertThat(SavedRuns.anyIn(this.out)).isTrue();
		assertThat(new SavedRuns(this.out).find(everythingOn, 1)).get().usingRecursiveComparison().isEqualTo(run);
	}

	@Test
	void aFailedRunShouldNotBeKeptSoThatResumingRunsItAgain() {
		LabOptions options = LabOptions.parse("--short", "--experiments=E1", "--out=" + this.out);
		Variant redis = Experiment.E1.variants(options).get(0);

		new SavedRuns(this.out).keep(RunResult.failed(redis, 1, "the stack did not become ready"));

		assertThat(new SavedRuns(this.out).find(redis, 1)).isEmpty();
		assertThat(SavedRuns.anyIn(this.out)).isFalse();
	}

	@Test
	void startingOverKeptRunsShouldBeRefusedUnlessResumed() {
		LabOptions options = LabOptions.parse("--short", "--experiments=E1", "--out=" + this.out);
		new SavedRuns(this.out).keep(ReportTests.run(Experiment.E1.variants(options).get(0), 1));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> LabOptions.parse("--short", "--experiments=E1", "--out=" + this.out))
			.withMessageContaining("holds runs of an earlier lab: --resume continues it");
		assertThat(LabOptions.parse("--short", "--experiments=E1", "--out=" + this.out, "--resume").resume()).isTrue();
	}

}
