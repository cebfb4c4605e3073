package io.statewise.gateway.ratelimit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statewise.gateway.system.GatewayProperties;
import io.statewise.gateway.system.GatewayProperties.RateLimitMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Redis unreachable (a real client, no mock), in both modes: the rate limit lets requests
 * through and says so in its metric (docs/adr/0010-gateway-rate-limits-fail-open.md),
 * whether Redis refuses (nothing listens on its port) or the watchdog is still
 * reconnecting (then Redis is not even asked: connecting would block a thread).
 */
class RateLimitWithoutRedisTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Limiters limiters = new Limiters(1, 1);

	@AfterEach
	void close() {
		this.limiters.close();
	}

	@ParameterizedTest
	@EnumSource(RateLimitMode.class)
	void requestsShouldPassAndBeCountedAsUnlimitedWhileRedisIsUnreachable(RateLimitMode mode) {
		GatewayFilter filter = filter(mode, this.limiters.redisOn(closedPort()), () -> true);
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders"));

		assertThat(forwards(filter, exchange)).isTrue();

		assertThat(exchange.getResponse().getHeaders().containsHeader("X-RateLimit-Remaining")).isFalse();
		assertThat(unavailable()).isOne();
	}

	@ParameterizedTest
	@EnumSource(RateLimitMode.class)
	void requestsShouldPassWithoutConnectingToRedisWhileTheWatchdogReconnects(RateLimitMode mode) throws IOException {
		try (ServerSocket silentRedis = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			GatewayFilter filter = filter(mode, this.limiters.redisOn(silentRedis.getLocalPort()), () -> false);

			assertThat(forwards(filter, MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders")))).isTrue();

			assertThat(unavailable()).isOne();
			// a connection attempt would wait in the backlog; none does
			silentRedis.setSoTimeout(200);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(silentRedis::accept);
		}
	}

	/** The route's filter in this mode, after the limiter's start (a first sync). */
	private GatewayFilter filter(RateLimitMode mode, LettuceConnectionFactory redis, BooleanSupplier redisReady) {
		RateLimits limits = switch (mode) {
			case APPROXIMATE -> {
				SharedTokenBuckets buckets = this.limiters.approximate(redis, redisReady, System::nanoTime);
				buckets.sync();
				yield buckets;
			}
			case EXACT -> this.limiters.exact(redis, redisReady);
		};
		RateLimitGatewayFilterFactory.Config config = new RateLimitGatewayFilterFactory.Config();
		config.setRouteId(Limiters.ROUTE);
		GatewayProperties defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("statewise.gateway", GatewayProperties.class);
		return new RateLimitGatewayFilterFactory(limits, this.meters, defaults).apply(config);
	}

	private static boolean forwards(GatewayFilter filter, MockServerWebExchange exchange) {
		AtomicBoolean forwarded = new AtomicBoolean();
		filter.filter(exchange, (ex) -> Mono.fromRunnable(() -> forwarded.set(true))).block(Duration.ofSeconds(10));
		return forwarded.get();
	}

	private double unavailable() {
		return this.meters.counter("statewise.gateway.rate.limit", "route", Limiters.ROUTE, "outcome", "unavailable")
			.count();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
