package io.statewise.load.lab;

import java.util.List;
import java.util.Map;

import io.statewise.load.lab.RunResult.ComponentRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-second figures from the sampler's totals. */
class RunnerTests {

	@Test
	void cpuPerSecondShouldBeTheDifferenceOfTotalsAndUnknownAcrossARestart() {
		List<Sampler.Sample> samples = List.of(sample(100, 1L, 5_000L, 900L), sample(101, 1L, 5_300L, 960L),
				sample(102, 2L, 200L, 10L));

		List<ComponentRow> rows = Runner.componentRows(samples, 100);

		assertThat(rows).extracting(ComponentRow::t).containsExactly(0, 1, 2);
		assertThat(rows).extracting(ComponentRow::cpuMillis).containsExactly(null, 300L, null);
		assertThat(rows).extracting(ComponentRow::redisCommands).containsExactly(null, 60L, null);
	}

	private static Sampler.Sample sample(long second, Long pid, Long cpu, Long commands) {
		return new Sampler.Sample(second, "redis-1", "REDIS", "RUNNING", "primary", pid, cpu, commands, Map.of());
	}

}
