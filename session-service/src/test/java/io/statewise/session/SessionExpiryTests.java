package io.statewise.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.statewise.testkit.Answers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The idle timeout, now that a read extends a session's life only once a tenth of the
 * timeout has passed since the last time (docs/adr/0012): a session expires between
 * {@code 0.9 x timeout} and {@code timeout} after its last request, never later, and one
 * that is used keeps living. Protects the security promise of the idle timeout (an
 * abandoned session ends) and the shopper's (an active one does not). Against a second
 * instance with a 3 s timeout; its session key's TTL is read straight from Redis, which
 * does not extend it.
 */
@SessionTest
class SessionExpiryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	/** The default refresh fraction's share of {@link #TIMEOUT}. */
	private static final long EARLIEST = TIMEOUT.toMillis() * 9 / 10;

	static ConfigurableApplicationContext shortTimeout;

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@BeforeAll
	static void startAnInstanceWithAShortTimeout() {
		shortTimeout = Instances.start("statewise.session.timeout=" + TIMEOUT.toSeconds() + "s");
	}

	@AfterAll
	static void stopIt() {
		shortTimeout.close();
	}

	@Test
	void aSessionReadRegularlyShouldOutliveTwoTimeouts() {
		readEvery100MsFor(TIMEOUT.multipliedBy(2));
	}

	@Test
	void aSessionLeftIdleShouldExpireWithinTheTimeoutOfItsLastRequestNeverLater() {
		int port = Instances.port(shortTimeout);
		Browser browser = readEvery100MsFor(Duration.ofSeconds(1));

		long sent = System.currentTimeMillis();
		assertThat(browser.totalQuantity(port)).as("the last request").isEqualTo(1);
		long answered = System.currentTimeMillis();

		Expiry expiry = expiryOf(browser.sessionKey());
		assertThat(expiry.earliest()).as("expires no later than the timeout after the last request")
			.isLessThanOrEqualTo(answered + TIMEOUT.toMillis());
		assertThat(expiry.latest()).as("and at most a tenth of it sooner").isGreaterThanOrEqualTo(sent + EARLIEST);
		await().atMost(TIMEOUT.plusSeconds(10)).until(() -> !this.redis.hasKey(browser.sessionKey()));
		assertThat(browser.totalQuantity(port)).as("the expired session's cart").isZero();
	}

	@Test
	void aReadSoonAfterTheSessionWasExtendedShouldLeaveItsExpiryAlone() {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.addLine(this.port, "TEA-005", 1).expectStatus().isOk();
		Instant before = expiresAt(browser);

		assertThat(browser.totalQuantity(this.port)).isEqualTo(1);

		assertThat(expiresAt(browser)).as("a tenth of 30 minutes has not passed: the read wrote nothing")
			.isEqualTo(before);
	}

	/**
	 * A shopper whose cart is read every 100 ms, a third of the refresh threshold (a
	 * tenth of the timeout), for the given time: fails unless the cart is there on every
	 * read.
	 */
	private static Browser readEvery100MsFor(Duration period) {
		int port = Instances.port(shortTimeout);
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.addLine(port, "TEA-005", 1).expectStatus().isOk();
		await().during(period)
			.atMost(period.plus(TIMEOUT.multipliedBy(2)))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> browser.totalQuantity(port) == 1);
		return browser;
	}

	/**
	 * When the key expires, bracketed by the clock around asking Redis for its TTL (the
	 * test and Redis share the host's clock; 1 ms either side for Redis's rounding). The
	 * assertions ask only that the bracket meets the bound, so a slow machine widens it
	 * but cannot fail the test.
	 */
	private Expiry expiryOf(String key) {
		long asked = System.currentTimeMillis();
		Long ttl = this.redis.getExpire(key, TimeUnit.MILLISECONDS);
		long answered = System.currentTimeMillis();
		assertThat(ttl).as("the session's TTL in ms").isNotNull().isPositive();
		return new Expiry(asked + ttl - 1, answered + ttl + 1);
	}

	/** When the gateway is told the session expires; introspection never extends it. */
	private Instant expiresAt(Browser browser) {
		return Instant.parse(Answers.read(browser.introspect(this.port).expectStatus().isOk(), "$.expiresAt"));
	}

	/** The moment a key expires lies between these two, epoch ms. */
	record Expiry(long earliest, long latest) {

	}

}
