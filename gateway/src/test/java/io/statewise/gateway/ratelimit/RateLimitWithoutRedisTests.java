package io.statewise.gateway.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis unreachable (nothing listens on its port; a real client, no mock): the rate limit
 * lets requests through and says so in its metric
 * (docs/adr/0010-gateway-rate-limits-fail-open.md).
 */
class RateLimitWithoutRedisTests {

	private final LettuceConnectionFactory connections = new LettuceConnectionFactory(
			new RedisStandaloneConfiguration("127.0.0.1", closedPort()),
			LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());

	@AfterEach
	void close() {
		this.connections.destroy();
	}

	@Test
	void requestsShouldPassAndBeCountedAsUnlimitedWhileRedisIsUnreachable() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		GatewayFilter filter = new RateLimitGatewayFilterFactory(limiter(), meters).apply(config("orders"));
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));
		AtomicBoolean forwarded = new AtomicBoolean();
		filter.filter(exchange, (ex) -> Mono.fromRunnable(() -> forwarded.set(true))).block(Duration.ofSeconds(10));
		assertThat(forwarded).isTrue();
		assertThat(exchange.getResponse().getHeaders().containsHeader("X-RateLimit-Remaining")).isFalse();
		assertThat(meters.counter("statewise.gateway.rate.limit", "route", "orders", "outcome", "unavailable").count())
			.isOne();
	}

	private RedisRateLimiter limiter() {
		this.connections.afterPropertiesSet();
		this.connections.start();
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		RedisRateLimiter limiter = new RedisRateLimiter(new ReactiveStringRedisTemplate(this.connections),
				RateLimiterConfiguration.tokenBucketScript(),
				new ConfigurationService(context.getBeanFactory(), DefaultConversionService::new, () -> null));
		limiter.setApplicationContext(context);
		limiter.getConfig().put("orders", new RedisRateLimiter.Config().setReplenishRate(1).setBurstCapacity(1));
		return limiter;
	}

	private static RateLimitGatewayFilterFactory.Config config(String route) {
		RateLimitGatewayFilterFactory.Config config = new RateLimitGatewayFilterFactory.Config();
		config.setRouteId(route);
		return config;
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
