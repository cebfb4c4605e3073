package io.statewise.support.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param watchdog whether to probe the Redis connection and drop it when the primary
 * hangs
 * @param probeInterval pause between two PINGs
 * @param resetAfterTimeouts drop the connection after this many PING timeouts in a row
 */
@ConfigurationProperties("statewise.redis")
record RedisFailoverProperties(@DefaultValue("true") boolean watchdog, @DefaultValue("250ms") Duration probeInterval,
		@DefaultValue("2") int resetAfterTimeouts) {

}
