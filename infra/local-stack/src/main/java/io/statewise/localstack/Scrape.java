package io.statewise.localstack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.statewise.localstack.PrometheusText.Sample;
import org.jspecify.annotations.Nullable;

/**
 * What the ops panel reads from one scrape of a service's Prometheus endpoint: cumulative
 * counters (their differences between scrapes are the rates), the latency histogram, and
 * the gauges and states it shows as they are. The metric names are the ones the services
 * register: {@code http.server.requests} (with {@code percentiles-histogram} on),
 * {@code statewise.gateway.retries}, {@code statewise.gateway.rate.limit},
 * {@code statewise.orders.backlog.pending}, {@code statewise.sessions} and Resilience4j's
 * {@code resilience4j.circuitbreaker.state}.
 *
 * @param requests requests served (management requests left out)
 * @param errors those answered 5xx
 * @param buckets the latency histogram: upper bound in seconds to cumulative count
 * @param retries the gateway's requests sent again to another instance
 * @param limited the gateway's requests refused by its rate limits
 * @param breakers circuit-breaker name to its state ({@code closed}, {@code open}, ...)
 * @param pendingOrders orders waiting for the reconciler (order-service)
 * @param sessions sessions created and not yet ended in this JVM (session-service)
 */
record Scrape(double requests, double errors, TreeMap<Double, Double> buckets, double retries, double limited,
		Map<String, String> breakers, @Nullable Double pendingOrders, @Nullable Double sessions) {

	static Scrape of(List<Sample> samples) {
		double requests = 0;
		double errors = 0;
		TreeMap<Double, Double> buckets = new TreeMap<>();
		double retries = 0;
		double limited = 0;
		Map<String, String> breakers = new TreeMap<>();
		Double pending = null;
		Double sessions = null;
		for (Sample sample : samples) {
			boolean served = !sample.label("uri").startsWith("/actuator");
			switch (sample.name()) {
				case "http_server_requests_seconds_count" -> {
					if (served) {
						requests += sample.value();
						errors += sample.label("status").startsWith("5") ? sample.value() : 0;
					}
				}
				case "http_server_requests_seconds_bucket" -> {
					if (served) {
						buckets.merge(Double.parseDouble(sample.label("le").replace("Inf", "Infinity")), sample.value(),
								Double::sum);
					}
				}
				case "statewise_gateway_retries_total" -> retries += sample.value();
				case "statewise_gateway_rate_limit_total" ->
					limited += sample.label("outcome").equals("limited") ? sample.value() : 0;
				case "resilience4j_circuitbreaker_state" -> {
					if (sample.value() == 1) {
						breakers.put(sample.label("name"), sample.label("state").replace('_', ' '));
					}
				}
				case "statewise_orders_backlog_pending" -> pending = sample.value();
				case "statewise_sessions_total" -> sessions = ((sessions != null) ? sessions : 0)
						+ (sample.label("event").equals("created") ? sample.value() : -sample.value());
				default -> {
				}
			}
		}
		return new Scrape(requests, errors, buckets, retries, limited, breakers, pending, sessions);
	}

}
