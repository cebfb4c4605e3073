package io.statewise.support.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * @param watchdog whether to probe the Redis connection and drop it when the primary
 * hangs
 * @param probeInterval pause between two PINGs
 * @param resetAfterTimeouts drop the connection after this many PING timeouts in a row
 */
@ConfigurationProperties("statewise.redis")
@Validated
record RedisFailoverProperties(@DefaultValue("true") boolean watchdog,
		@DefaultValue("250ms") @DurationMin(millis = 1) Duration probeInterval,
		@DefaultValue("2") @Min(1) int resetAfterTimeouts) {

}
