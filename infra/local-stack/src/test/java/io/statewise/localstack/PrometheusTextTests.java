package io.statewise.localstack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.statewise.localstack.PrometheusText.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The text format as the services' Actuator writes it, and what must not pass for it. */
class PrometheusTextTests {

	@Test
	void parseShouldReadNamesLabelsWithEscapesAndInfiniteBounds() {
		List<Sample> samples = PrometheusText.parse("""
				# TYPE x counter
				resilience4j_circuitbreaker_state{name="order-service",state="half_open",} 1.0
				http_server_requests_seconds_bucket{uri="/a \\"b\\"",le="+Inf"} 12.0
				jvm_threads_live_threads 42 1700000000000
				""");

		assertThat(samples).containsExactly(
				new Sample("resilience4j_circuitbreaker_state", Map.of("name", "order-service", "state", "half_open"),
						1.0),
				new Sample("http_server_requests_seconds_bucket", Map.of("uri", "/a \"b\"", "le", "+Inf"), 12.0),
				new Sample("jvm_threads_live_threads", Map.of(), 42.0));
	}

	@Test
	void parseOfSomethingElseShouldFailRatherThanReadAsNoTraffic() {
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("<html><body>Whitelabel</body>"));
	}

	@Test
	void quantileShouldInterpolateInsideTheBucketAsHistogramQuantileDoes() {
		TreeMap<Double, Double> cumulative = new TreeMap<>(
				Map.of(0.01, 50.0, 0.1, 90.0, 1.0, 100.0, Double.POSITIVE_INFINITY, 100.0));

		assertThat(Signals.quantile(cumulative, 0.5)).isEqualTo(10.0);
		assertThat(Signals.quantile(cumulative, 0.99)).isCloseTo(910.0, org.assertj.core.data.Offset.offset(0.001));
	}

}
