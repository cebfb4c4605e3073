package io.statewise.load.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.statewise.load.lab.RunResult.ComponentRow;
import io.statewise.load.lab.RunResult.Measures;
import io.statewise.load.lab.RunResult.RequestRow;
import io.statewise.load.lab.ScaleOut.Stage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * E5's capacity point from per-second rows made up here: three stages of 10 s at 5, 10
 * and 15 users/s after a 5 s ramp, each measured over its last 7 s.
 */
class ScaleOutTests {

	private final LabOptions options = LabOptions.parse("--experiments=E5", "--rate=2", "--stage-rate=5",
			"--duration=30", "--stages=3");

	private final List<Stage> stages = ScaleOut.stages(this.options);

	@Test
	void stagesShouldSplitTheDurationAfterTheRampEachOneRateStepHigher() {
		assertThat(this.stages).containsExactly(new Stage(1, 5, 5, 8, 15), new Stage(2, 10, 15, 18, 25),
				new Stage(3, 15, 25, 28, 35));
		assertThat(ScaleOut.levels(this.stages)).extracting(LabSimulation.Level::rate).containsExactly(5.0, 10.0, 15.0);
	}

	@Test
	void capacityShouldBeTheHighestStageHeldWithEachTiersCpuPerAnsweredRequest() {
		List<RequestRow> requests = browsing(20, 20, 900, 0);
		for (int t = 18; t < 25; t++) {
			requests.add(row(t, "checkout", 1, 0, 100));
		}

		Measures figures = Measures.NONE.and(ScaleOut.figures(requests, components(), this.stages, 500));

		assertThat(figures.get("stagesHeld")).isEqualTo(2);
		assertThat(figures.get("capacityRate")).isEqualTo(10);
		assertThat(figures.get("capacityThroughput")).isEqualTo(11);
		assertThat(figures.get("capacityP50")).isEqualTo(20);
		assertThat(figures.get("capacityP99")).isEqualTo(100);
		assertThat(figures.get("cpuGateway")).isEqualTo(1000);
		assertThat(figures.get("cpuInventory")).isEqualTo(2000);
		assertThat(figures.get("cpuRedis")).isEqualTo(1000);
		assertThat(figures.get("capacityRedisPerRequest")).isEqualTo(10);
		assertThat(figures.get("redisCpuPerCommand")).isEqualTo(100);
		assertThat(figures.get("checkoutsPerRequest")).isCloseTo(1 / 11.0, within(1e-9));
		assertThat(figures.get("cpuPostgres")).as("no PostgreSQL row read: not measured").isNaN();
	}

	@Test
	void aStageWithOnePercentOfItsRequestsFailedShouldNotHold() {
		List<RequestRow> requests = browsing(20, 20, 20, 0);
		// stage 3: 70 + 29 answered, 1 failed: 1 % of 100
		requests.add(row(30, "search", 0, 1, 20));
		requests.add(row(31, "search", 29, 0, 20));

		Measures figures = Measures.NONE.and(ScaleOut.figures(requests, components(), this.stages, 500));

		assertThat(figures.get("stagesHeld")).isEqualTo(2);
		assertThat(figures.get("capacityRate")).isEqualTo(10);
	}

	@Test
	void whenNoStageHoldsTheCapacityShouldBeSaidNotMeasuredNeverZero() {
		Measures figures = Measures.NONE
			.and(ScaleOut.figures(browsing(900, 900, 900, 0), components(), this.stages, 500));

		assertThat(figures.get("stagesHeld")).isZero();
		assertThat(figures.get("capacityThroughput")).isNaN();
		assertThat(figures.get("cpuGateway")).isNaN();
	}

	/** Ten requests a second answered in the given times, stage by stage. */
	private static List<RequestRow> browsing(int stage1Millis, int stage2Millis, int stage3Millis, long failed) {
		List<RequestRow> rows = new ArrayList<>();
		for (int t = 0; t < 35; t++) {
			int millis = (t < 15) ? stage1Millis : (t < 25) ? stage2Millis : stage3Millis;
			rows.add(row(t, "category page", 10, failed, millis));
		}
		return rows;
	}

	private static RequestRow row(int t, String request, long ok, long failed, int millis) {
		return new RequestRow(t, request, request.equals("checkout") ? "checkout" : "browse", ok + failed, ok, failed,
				Collections.nCopies((int) (ok + failed), millis), Map.of(200, ok));
	}

	/**
	 * Each second: the gateway 11 ms of CPU, two inventory instances 11 ms each, the
	 * primary 11 ms and 110 commands, the replica (not counted) as much.
	 */
	private static List<ComponentRow> components() {
		List<ComponentRow> rows = new ArrayList<>();
		for (int t = 0; t < 35; t++) {
			rows.add(new ComponentRow(t, "gateway", "RUNNING", "", 11L, null));
			rows.add(new ComponentRow(t, "inventory-service-1", "RUNNING", "", 11L, null));
			rows.add(new ComponentRow(t, "inventory-service-2", "RUNNING", "", 11L, null));
			rows.add(new ComponentRow(t, "redis-1", "RUNNING", "primary", 11L, 110L));
			rows.add(new ComponentRow(t, "redis-2", "RUNNING", "replica", 11L, 110L));
		}
		return rows;
	}

}
