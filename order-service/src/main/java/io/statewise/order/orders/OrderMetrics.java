package io.statewise.order.orders;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.statewise.order.orders.OrderRepository.Backlog;

import org.springframework.stereotype.Component;

/**
 * Orders by outcome ({@code statewise.orders}: status reached and who decided it),
 * checkout latency by outcome ({@code statewise.orders.checkout}), and the reconciler's
 * backlog as gauges refreshed by each reconciler run.
 */
@Component
class OrderMetrics {

	private final MeterRegistry meters;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong oldestPendingMillis = new AtomicLong();

	OrderMetrics(MeterRegistry meters) {
		this.meters = meters;
		Gauge.builder("statewise.orders.backlog.pending", this.pending, AtomicLong::get)
			.description("Orders waiting for inventory-service (PENDING)")
			.register(meters);
		Gauge.builder("statewise.orders.backlog.oldest", this.oldestPendingMillis, (millis) -> millis.get() / 1000.0)
			.description("Age of the oldest PENDING order")
			.baseUnit("seconds")
			.register(meters);
	}

	void reached(OrderStatus status, String source) {
		this.meters.counter("statewise.orders", "status", status.name().toLowerCase(), "source", source).increment();
	}

	Timer.Sample start() {
		return Timer.start(this.meters);
	}

	void checkout(Timer.Sample sample, String outcome) {
		sample.stop(this.meters.timer("statewise.orders.checkout", "outcome", outcome));
	}

	void backlog(Backlog backlog) {
		this.pending.set(backlog.pending());
		this.oldestPendingMillis.set(backlog.oldest().toMillis());
	}

}
