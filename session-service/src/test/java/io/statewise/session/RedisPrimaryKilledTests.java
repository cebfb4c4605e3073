package io.statewise.session;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisTopology;
import io.statewise.embedded.test.Datastores;
import io.statewise.session.TestUsers.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis primary dies (SIGKILL) while a logged-in shopper keeps changing their cart.
 * Protects: after Sentinel promotes the replica the same session and cart are there and
 * writes succeed again; with {@code durable} on, no cart write that was acknowledged
 * (200) is lost. How long writes failed is printed for docs/benchmarks.md, not asserted.
 */
@SessionTest
class RedisPrimaryKilledTests {

	@LocalServerPort
	int port;

	RedisTopology topology;

	@BeforeEach
	void embeddedTopologyOnly() {
		this.topology = Datastores.embedded("killing the Redis primary").redisTopology();
	}

	@Test
	void sessionAndCartShouldSurviveThePrimaryAndWritesResume() {
		Outcome outcome = killPrimaryWhileWritingCart(this.port, "default");
		assertThat(outcome.loggedInAfter()).isTrue();
		assertThat(outcome.cartAfter()).isPositive();
	}

	@Test
	void durableModeShouldLoseNoAcknowledgedCartWrite() {
		ConfigurableApplicationContext durable = Instances.start("statewise.session.durable=true");
		try {
			Outcome outcome = killPrimaryWhileWritingCart(Instances.port(durable), "durable");
			assertThat(outcome.loggedInAfter()).isTrue();
			assertThat(outcome.cartAfter()).as("the last acknowledged cart quantity")
				.isEqualTo(outcome.lastAcknowledged());
		}
		finally {
			durable.close();
		}
	}

	/**
	 * Writes the cart every 50 ms; kills the primary at the 20th write; once Sentinel has
	 * promoted the replica, restarts the killed node (it rejoins as a replica, which
	 * durable mode needs before it can acknowledge again); stops 10 s after writes
	 * resume.
	 */
	private Outcome killPrimaryWhileWritingCart(int port, String mode) {
		Credentials user = TestUsers.signUp(this.port);
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.post(port, "/api/session/login", user.json());
		RedisNode primary = this.topology.currentPrimary().orElseThrow();
		Map<Integer, Integer> statuses = new TreeMap<>();
		int lastAcknowledged = 0;
		long killedAt = 0;
		long lastFailure = 0;
		boolean restarted = false;
		for (int write = 1; write <= 2000; write++) {
			if (write == 20) {
				primary.kill();
				killedAt = System.nanoTime();
			}
			if (killedAt != 0 && !restarted
					&& this.topology.currentPrimary().filter((node) -> node != primary).isPresent()) {
				primary.start();
				restarted = true;
			}
			int quantity = 1 + write % 100;
			Browser.Response response = browser.put(port, "/api/cart/lines/TEA-004", "{\"quantity\":" + quantity + "}");
			statuses.merge(response.status(), 1, Integer::sum);
			if (response.status() == 200) {
				lastAcknowledged = quantity;
			}
			else {
				assertThat(response.status()).as(response.body()).isEqualTo(503);
				assertThat(response.isProblem()).isTrue();
				lastFailure = System.nanoTime();
			}
			if (killedAt != 0 && lastFailure != 0 && System.nanoTime() - lastFailure > 10_000_000_000L) {
				break;
			}
			pause(50);
		}
		assertThat(lastFailure).as("the kill was noticed").isNotZero();
		System.out.printf("[%s] Redis primary killed: cart writes failed for %d ms after the kill; statuses %s%n", mode,
				(lastFailure - killedAt) / 1_000_000, statuses);
		boolean loggedIn = browser.get(port, "/api/account/me").status() == 200;
		int cart = browser.get(port, "/api/cart").json().get("totalQuantity").asInt();
		awaitReplica(primary);
		return new Outcome(loggedIn, cart, lastAcknowledged);
	}

	/** The killed node is back as a replica, so the next test can fail over again. */
	private void awaitReplica(RedisNode killed) {
		await().atMost(Duration.ofSeconds(30)).until(() -> "slave".equals(killed.role()));
		this.topology.awaitFailoverReady();
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Outcome(boolean loggedInAfter, int cartAfter, int lastAcknowledged) {

	}

}
