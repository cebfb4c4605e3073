package io.statewise.gateway.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statewise.support.redis.RedisPrimaryWatchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Redis unreachable (a real client, no mock): the rate limit lets requests through and
 * says so in its metric (docs/adr/0010-gateway-rate-limits-fail-open.md), whether the
 * command fails (nothing listens on Redis's port) or the watchdog is still reconnecting
 * (then Redis is not even asked: connecting would block the caller's event loop).
 */
class RateLimitWithoutRedisTests {

	private final GenericApplicationContext context = new GenericApplicationContext();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private LettuceConnectionFactory connections;

	@AfterEach
	void close() {
		this.connections.destroy();
		this.context.close();
	}

	@Test
	void requestsShouldPassAndBeCountedAsUnlimitedWhileRedisIsUnreachable() {
		GatewayFilter filter = filter(closedPort(), false);
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));

		assertThat(forwards(filter, exchange)).isTrue();

		assertThat(exchange.getResponse().getHeaders().containsHeader("X-RateLimit-Remaining")).isFalse();
		assertThat(unavailable()).isOne();
	}

	@Test
	void requestsShouldPassWithoutConnectingToRedisWhileTheWatchdogReconnects() throws IOException {
		try (ServerSocket silentRedis = new ServerSocket(0)) {
			GatewayFilter filter = filter(silentRedis.getLocalPort(), true);

			assertThat(forwards(filter, MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders")))).isTrue();

			assertThat(unavailable()).isOne();
			// a connection attempt would wait in the backlog; none does
			silentRedis.setSoTimeout(200);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(silentRedis::accept);
		}
	}

	/**
	 * The route's filter; with a watchdog that has not connected yet, as while it
	 * reconnects.
	 */
	private GatewayFilter filter(int redisPort, boolean watchdog) {
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redisPort),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.context.refresh();
		// not started, so never probed: not ready
		Map<String, Object> beans = watchdog
				? Map.of("watchdog", new RedisPrimaryWatchdog(this.connections, Duration.ofMillis(250), 2)) : Map.of();
		return new RateLimitGatewayFilterFactory(limiter(), this.meters,
				new StaticListableBeanFactory(beans).getBeanProvider(RedisPrimaryWatchdog.class))
			.apply(config("orders"));
	}

	private static boolean forwards(GatewayFilter filter, MockServerWebExchange exchange) {
		AtomicBoolean forwarded = new AtomicBoolean();
		filter.filter(exchange, (ex) -> Mono.fromRunnable(() -> forwarded.set(true))).block(Duration.ofSeconds(10));
		return forwarded.get();
	}

	private double unavailable() {
		return this.meters.counter("statewise.gateway.rate.limit", "route", "orders", "outcome", "unavailable").count();
	}

	private RedisRateLimiter limiter() {
		RedisRateLimiter limiter = new RedisRateLimiter(new ReactiveStringRedisTemplate(this.connections),
				RateLimiterConfiguration.tokenBucketScript(),
				new ConfigurationService(this.context.getBeanFactory(), DefaultConversionService::new, () -> null));
		limiter.setApplicationContext(this.context);
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
