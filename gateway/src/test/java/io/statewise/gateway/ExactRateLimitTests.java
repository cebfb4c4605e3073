package io.statewise.gateway;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link RateLimitTests} with the exact limiter (a Redis script per request): the same
 * answers, limits and headers as the default approximate mode.
 */
@GatewayTest
@TestPropertySource(properties = "statewise.gateway.rate-limit.mode=exact")
class ExactRateLimitTests extends RateLimitTests {

}
