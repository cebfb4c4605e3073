package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Path;

import io.statewise.load.lab.Lab;
import io.statewise.load.lab.LabOptions;
import io.statewise.load.lab.ReportCheck;
import io.statewise.localstack.LocalStackExtension.Stack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short lab (docs/lab.md) on the shared test stack, so that the lab's machinery
 * cannot rot: E1 and E2, a few seconds each, one repetition, their faults injected
 * through the control API, and a complete report in {@code target/lab} (every file, every
 * chart an SVG, every cell of the comparison a number or "not measured"). The memory mode
 * and the durable variants need stacks of their own: the short lab reports them as not
 * measured. The lab resets the stack after its runs, so later tests find it whole. Its
 * figures are not judged: a shared 2-core machine gives no stable ones.
 */
@Order(5)
@ExtendWith(LocalStackExtension.class)
class TradeOffLabIntegrationTests {

	@Test
	void shortLabShouldWriteACompleteReportWithTheInvariantsHeld(Stack stack) throws IOException {
		Path out = Path.of("target/lab");
		// a lab refuses to start over the runs an earlier one kept there (--resume)
		FileSystemUtils.deleteRecursively(out);
		LabOptions options = LabOptions.parse("--short", "--experiments=E1,E2", "--out=" + out,
				"--stack=http://127.0.0.1:" + stack.controlPort(),
				"--gateway=http://127.0.0.1:" + (8080 + stack.portOffset()));

		Lab.Result result = new Lab(options, System.out::println).run();

		assertThat(result.failedRuns()).as("runs that failed, in %s", result.report()).isZero();
		assertThat(result.completedRuns()).containsExactly("E1 redis run 1", "E2 default, primary killed run 1",
				"E2 default, primary frozen run 1");
		assertThat(result.brokenInvariants()).isEmpty();
		assertThat(result.acknowledgedWrites()).as("cart writes the probes saw acknowledged").isPositive();
		assertThat(ReportCheck.problems(out)).isEmpty();
	}

}
