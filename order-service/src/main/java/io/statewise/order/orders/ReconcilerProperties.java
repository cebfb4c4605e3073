package io.statewise.order.orders;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * @param interval pause between two reconciler runs on an instance
 * @param grace how long a new order is left to its checkout before the reconciler may
 * look at it
 * @param deadline how long an order may stay PENDING; then it is rejected and released
 * @param backoff wait after the first attempt that found inventory unavailable; doubles
 * per attempt, with jitter
 * @param maxBackoff the longest wait between two attempts
 * @param batch most orders one run handles, each in its own transaction
 */
@ConfigurationProperties("statewise.reconciler")
@Validated
record ReconcilerProperties(@DefaultValue("2s") @DurationMin(millis = 1) Duration interval,
		@DefaultValue("5s") @DurationMin(millis = 0) Duration grace,
		@DefaultValue("15m") @DurationMin(millis = 1) Duration deadline,
		@DefaultValue("1s") @DurationMin(millis = 1) Duration backoff,
		@DefaultValue("1m") @DurationMin(millis = 1) Duration maxBackoff, @DefaultValue("20") @Min(1) int batch) {

	/**
	 * Exponential backoff with full-range jitter (0.5–1.5×), so instances that failed
	 * together do not retry together.
	 */
	Duration backoffAfter(int attempts) {
		long exponential = this.backoff.toMillis() << Math.min(attempts, 20);
		long capped = Math.min(exponential, this.maxBackoff.toMillis());
		return Duration.ofMillis((long) (capped * (0.5 + ThreadLocalRandom.current().nextDouble())));
	}

}
