package io.statewise.load.lab;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Actuator metric's figure, whatever kind of meter answers: a gauge's value, a long
 * task timer's active tasks (not its duration), a counter's count.
 */
class SamplerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void eachKindOfMeterShouldGiveItsOwnFigure() {
		assertThat(value("[{\"statistic\":\"VALUE\",\"value\":7.0}]")).isEqualTo(7);
		assertThat(value("[{\"statistic\":\"DURATION\",\"value\":0.5},{\"statistic\":\"ACTIVE_TASKS\",\"value\":3.0}]"))
			.isEqualTo(3);
		assertThat(value("[{\"statistic\":\"COUNT\",\"value\":12.0}]")).isEqualTo(12);
		assertThat(value("[{\"statistic\":\"TOTAL_TIME\",\"value\":1.0}]")).isNull();
	}

	private static Double value(String measurements) {
		return Sampler.Gauge.value(JSON.readTree("{\"name\":\"m\",\"measurements\":" + measurements + "}"));
	}

}
