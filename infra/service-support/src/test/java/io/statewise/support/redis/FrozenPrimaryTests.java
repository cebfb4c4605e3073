package io.statewise.support.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.statewise.embedded.FreePorts;
import io.statewise.embedded.HostPort;
import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis primary hangs (SIGSTOP) instead of dying: its sockets stay open, so clients
 * are not told. Protects: with the watchdog, a client configured the way every service is
 * (Spring Boot, Sentinel, 500 ms timeouts) writes again soon after Sentinel promotes the
 * replica, while the old primary is still frozen, and after the thaw the old primary
 * rejoins as a replica without losing anything written to the new one. Without the
 * watchdog the client stays stuck on the frozen node: the reason it exists.
 */
class FrozenPrimaryTests {

	@TempDir
	static Path dir;

	static RedisTopology topology;

	RedisNode frozen;

	@BeforeAll
	static void startTopology() {
		List<Integer> ports = FreePorts.find(5);
		topology = new RedisTopology(dir, new RedisTopology.Ports(ports.get(0), ports.get(1), ports.subList(2, 5)))
			.start();
	}

	@AfterAll
	static void stopTopology() {
		topology.close();
	}

	@AfterEach
	void thawAndAwaitTheOldPrimaryAsReplica() {
		if (this.frozen != null) {
			topology.rejoinAsReplica(this.frozen);
		}
	}

	@Test
	void watchdogShouldMoveWritesToThePromotedReplicaAndLoseNothingAfterThaw() {
		client("statewise.redis.watchdog=true").run((context) -> {
			StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
			RedisPrimaryWatchdog watchdog = context.getBean(RedisPrimaryWatchdog.class);
			assertThat(watchdog.connectionReady()).as("connected when started").isTrue();

			Drill drill = freezePrimaryWhileWriting(redis, watchdog::connectionReady);

			System.out.printf("Redis primary frozen, watchdog on: promoted after %d ms, writes failed for %d ms%n",
					drill.promotedAfter().toMillis(), drill.failedFor().toMillis());
			assertThat(drill.recovered()).isTrue();
			assertThat(drill.failedFor()).isLessThan(RedisTopology.CLIENT_FAILOVER_BOUND);
			assertThat(drill.wasUnready()).as("said not ready while it reconnected").isTrue();
			assertThat(watchdog.connectionReady()).as("reconnected by itself").isTrue();
			thawAndAwaitTheOldPrimaryAsReplica();
			assertThat(redis.opsForValue().get("counter")).isEqualTo(Integer.toString(drill.lastAcknowledged()));
		});
	}

	@Test
	void withoutTheWatchdogWritesShouldStayStuckOnTheFrozenPrimary() {
		client("statewise.redis.watchdog=false").run((context) -> {
			Drill drill = freezePrimaryWhileWriting(context.getBean(StringRedisTemplate.class), () -> true);

			assertThat(drill.promotedAfter()).isPositive();
			assertThat(drill.recovered()).as("writes came back without the watchdog: is it still needed?").isFalse();
		});
	}

	private static ApplicationContextRunner client(String watchdog) {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, RedisFailoverAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.sentinel.master=" + topology.endpoint().master(),
					"spring.data.redis.sentinel.nodes="
							+ String.join(",", topology.endpoint().nodes().stream().map(HostPort::toString).toList()),
					"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=500ms", watchdog);
	}

	/**
	 * Writes a counter every 50 ms, freezes the primary at the 10th write, and stops once
	 * writes have succeeded for 2 s after Sentinel's promotion (recovered), or 6 s after
	 * the promotion if they still fail (stuck).
	 */
	private Drill freezePrimaryWhileWriting(StringRedisTemplate redis, BooleanSupplier ready)
			throws InterruptedException {
		boolean wasUnready = false;
		long frozenAt = 0;
		long promotedAt = 0;
		long lastFailure = 0;
		int lastAcknowledged = 0;
		for (int write = 1; write < 2000; write++) {
			if (write == 10) {
				this.frozen = topology.currentPrimary().orElseThrow();
				this.frozen.freeze();
				frozenAt = System.nanoTime();
			}
			if (frozenAt != 0 && promotedAt == 0
					&& topology.currentPrimary().filter((node) -> node != this.frozen).isPresent()) {
				promotedAt = System.nanoTime();
			}
			wasUnready |= !ready.getAsBoolean();
			try {
				redis.opsForValue().set("counter", Integer.toString(write));
				lastAcknowledged = write;
			}
			catch (RuntimeException ex) {
				lastFailure = System.nanoTime();
			}
			long now = System.nanoTime();
			if (promotedAt != 0 && (now - lastFailure > 2_000_000_000L || now - promotedAt > 6_000_000_000L)) {
				return new Drill(Duration.ofNanos(promotedAt - frozenAt), Duration.ofNanos(lastFailure - frozenAt),
						now - lastFailure > 2_000_000_000L, lastAcknowledged, wasUnready);
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Sentinel did not promote the replica");
	}

	record Drill(Duration promotedAfter, Duration failedFor, boolean recovered, int lastAcknowledged,
			boolean wasUnready) {

	}

}
