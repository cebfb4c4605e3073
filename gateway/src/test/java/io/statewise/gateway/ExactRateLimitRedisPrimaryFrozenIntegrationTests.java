package io.statewise.gateway;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link RedisPrimaryFrozenIntegrationTests} with the exact limiter: a Redis script per
 * request, on a connection the watchdog re-established, so no request waits for a
 * reconnection to the frozen primary.
 */
@GatewayTest
@TestPropertySource(properties = "statewise.gateway.rate-limit.mode=exact")
class ExactRateLimitRedisPrimaryFrozenIntegrationTests extends RedisPrimaryFrozenIntegrationTests {

}
