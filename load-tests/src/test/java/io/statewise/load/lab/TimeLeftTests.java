package io.statewise.load.lab;

import java.util.List;

import io.statewise.load.lab.Lab.Planned;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lab's progress lines say how long is left: from a price per run and per stack until
 * a tenth of the work is done, then at the machine's own pace.
 */
class TimeLeftTests {

	@Test
	void theTimeLeftShouldShrinkAsRunsEndAndVanishAtTheEnd() {
		LabOptions options = LabOptions.parse("--experiments=E1", "--repetitions=2");
		List<Planned> plan = Experiment.E1.variants(options)
			.stream()
			.flatMap((variant) -> List.of(new Planned(variant, 1), new Planned(variant, 2)).stream())
			.toList();
		TimeLeft timeLeft = new TimeLeft(options);
		assertThat(timeLeft.left()).isEmpty();

		timeLeft.start(plan, 2);

		// 4 runs of 60 + 65 s, 2 stacks of 150 + 180 s (the warm-up): 1160 s
		assertThat(timeLeft.left()).isEqualTo(", about 19 min left");
		timeLeft.stackStarted();
		timeLeft.runDone();
		timeLeft.runDone();
		timeLeft.stackStarted();
		timeLeft.runDone();
		timeLeft.runDone();
		assertThat(timeLeft.left()).isEmpty();
	}

	@Test
	void durationsShouldReadAsMinutesAndHours() {
		assertThat(TimeLeft.describe(20)).isEqualTo("1 min");
		assertThat(TimeLeft.describe(14 * 60 + 40)).isEqualTo("15 min");
		assertThat(TimeLeft.describe(3 * 3600 + 10 * 60)).isEqualTo("3 h 10 min");
	}

}
