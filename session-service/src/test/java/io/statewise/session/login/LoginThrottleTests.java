package io.statewise.session.login;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.testkit.Answers;
import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import io.statewise.session.TestUsers.Credentials;
import io.statewise.session.login.LoginThrottle.Attempt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two attackers of docs/adr/0014: a guesser must stay slow (about a hundred guesses a
 * day per account), and a griefer who knows an email must not lock its owner out. The
 * defaults apply: five free failures, then 30 s doubling per failure, so a test that
 * needs the delay to pass waits for it (at most 30 s) instead of changing the clock.
 */
@SessionTest
class LoginThrottleTests {

	private static final int FREE_FAILURES = 5;

	private static final int FIRST_DELAY_SECONDS = 30;

	private static final int PER_ADDRESS = 20;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	LoginThrottle throttle;

	Credentials user;

	@BeforeEach
	void newUser() {
		this.user = TestUsers.signUp(this.port);
	}

	@Test
	void wrongPasswordsFromForeignAddressesShouldNotStopTheOwnerOnAKnownAddress() {
		String home = TestUsers.randomAddress();
		login(home, this.user.json()).expectStatus().isOk();

		grief(20);

		// the owner's known address
		login(home, this.user.json()).expectStatus().isOk();
	}

	@Test
	void wrongPasswordsFromForeignAddressesShouldDelayTheOwnerOnANewAddressOnlyUntilTheBackoffPasses() {
		grief(20);
		String newAddress = TestUsers.randomAddress();

		ResponseSpec refused = login(newAddress, this.user.json());

		expectThrottled(refused, 1, FIRST_DELAY_SECONDS);
		await().atMost(Duration.ofSeconds(FIRST_DELAY_SECONDS + 15))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Answers.status(login(newAddress, this.user.json())) == 200);
	}

	@Test
	void failedLoginsPerAccountShouldRefuseEvenTheRightPasswordUntilTheFirstDelayPasses() {
		grief(FREE_FAILURES);

		ResponseSpec throttled = login(TestUsers.randomAddress(), this.user.json());

		expectProblem(throttled, 429);
		expectThrottled(throttled, 1, FIRST_DELAY_SECONDS);
	}

	@Test
	void eachFailureAfterTheFreeOnesShouldDoubleTheDelay() {
		grief(FREE_FAILURES);
		await().atMost(Duration.ofSeconds(FIRST_DELAY_SECONDS + 15))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> Answers.status(login(TestUsers.randomAddress(), this.user.json("wrong password!"))) == 401);

		ResponseSpec throttled = login(TestUsers.randomAddress(), this.user.json());

		expectThrottled(throttled, FIRST_DELAY_SECONDS + 1, 2 * FIRST_DELAY_SECONDS);
	}

	@Test
	void wrongPasswordsFromAKnownAddressShouldBeSlowedInThatAddresssOwnCount() {
		String home = TestUsers.randomAddress();
		login(home, this.user.json()).expectStatus().isOk();
		for (int attempt = 0; attempt < FREE_FAILURES; attempt++) {
			login(home, this.user.json("wrong password!")).expectStatus().isUnauthorized();
		}

		// a known address is no way round the delay
		login(home, this.user.json()).expectStatus().isEqualTo(429);
		// nor does it delay other addresses
		login(TestUsers.randomAddress(), this.user.json()).expectStatus().isOk();
	}

	@Test
	void failedLoginsPerAddressShouldBeThrottledAcrossAccounts() {
		String sprayer = TestUsers.randomAddress();
		for (int attempt = 0; attempt < PER_ADDRESS; attempt++) {
			login(sprayer, "{\"email\":\"spray" + attempt + "@example.com\",\"password\":\"wrong password!\"}");
		}

		ResponseSpec throttled = login(sprayer, this.user.json());

		expectThrottled(throttled, 1, Integer.MAX_VALUE);
		// another address is not affected
		login(TestUsers.randomAddress(), this.user.json()).expectStatus().isOk();
	}

	/**
	 * The throttle is checked and counted in one Redis step before the password is: a
	 * check-then-count throttle let every one of a burst of parallel guesses through.
	 */
	@Test
	void parallelWrongGuessesShouldReachThePasswordCheckNoMoreThanTheFreeFailures() throws Exception {
		double evaluatedBefore = logins("failure");

		Map<Integer, Long> statuses = inParallel(50,
				() -> login(TestUsers.randomAddress(), this.user.json("wrong password!")));

		assertThat(statuses).containsOnlyKeys(401, 429).containsEntry(401, (long) FREE_FAILURES);
		assertThat(logins("failure") - evaluatedBefore).as("passwords checked").isEqualTo(FREE_FAILURES);
	}

	@Test
	void parallelSprayFromOneAddressShouldReachThePasswordCheckNoMoreThanThePerAddressLimit() throws Exception {
		String sprayer = TestUsers.randomAddress();
		AtomicInteger account = new AtomicInteger();
		double evaluatedBefore = logins("failure");

		Map<Integer, Long> statuses = inParallel(50,
				() -> login(sprayer, "{\"email\":\"spray%d@example.com\",\"password\":\"wrong password!\"}"
					.formatted(account.incrementAndGet())));

		assertThat(statuses).containsOnlyKeys(401, 429).containsEntry(401, (long) PER_ADDRESS);
		assertThat(logins("failure") - evaluatedBefore).as("passwords checked").isEqualTo(PER_ADDRESS);
	}

	/**
	 * Logins in flight fill their address's limit (a parallel spray cannot overshoot),
	 * but a crowd behind one NAT is told to retry in a second, not to wait out a window
	 * none of them failed. Twenty attempts are reserved directly, as twenty logins in
	 * flight.
	 */
	@Test
	void loginsInFlightShouldFillTheAddressLimitOnlyUntilTheyLand() {
		String office = TestUsers.randomAddress();
		List<Attempt.Allowed> inFlight = IntStream.range(0, PER_ADDRESS)
			.mapToObj((i) -> (Attempt.Allowed) this.throttle.reserve("colleague" + i + "@example.com", office))
			.toList();

		ResponseSpec refused = login(office, this.user.json());
		inFlight.forEach(this.throttle::succeeded);

		// retry in a second, not after the window
		refused.expectStatus().isEqualTo(429).expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		login(office, this.user.json()).expectStatus().isOk();
	}

	/** A key without expiry would hold its count (and a delay) for ever. */
	@Test
	void everyThrottleKeyShouldExpire() throws Exception {
		String home = TestUsers.randomAddress();
		login(home, this.user.json());
		login(home, this.user.json("wrong password!"));
		inParallel(50, () -> login(TestUsers.randomAddress(), this.user.json("wrong password!")));
		inParallel(30, () -> login(home, "{\"email\":\"spray@example.com\",\"password\":\"wrong password!\"}"));

		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.redis.scan(ScanOptions.scanOptions().match("login:*").count(1000).build())) {
			cursor.forEachRemaining(keys::add);
		}

		assertThat(keys).isNotEmpty().allSatisfy((key) -> assertThat(this.redis.getExpire(key)).as(key).isPositive());
	}

	private ResponseSpec login(String address, String json) {
		return new Browser(address).login(this.port, json);
	}

	/** Refused as too many attempts, told to retry in so many seconds. */
	private static void expectThrottled(ResponseSpec answer, int minSeconds, int maxSeconds) {
		answer.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value(HttpHeaders.RETRY_AFTER,
					(seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(minSeconds, maxSeconds));
	}

	/** Wrong passwords for the user, a few from each of several foreign addresses. */
	private void grief(int guesses) {
		List<String> addresses = List.of(TestUsers.randomAddress(), TestUsers.randomAddress(),
				TestUsers.randomAddress(), TestUsers.randomAddress());
		for (int guess = 0; guess < guesses; guess++) {
			login(addresses.get(guess % addresses.size()), this.user.json("wrong password!"));
		}
	}

	/**
	 * Sends the requests at once (released together) and counts the answers by status.
	 */
	private static Map<Integer, Long> inParallel(int requests, Supplier<ResponseSpec> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return Answers.status(request.get());
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
			return statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		}
		finally {
			pool.shutdownNow();
		}
	}

	private double logins(String outcome) {
		return this.meters.counter("statewise.logins", "outcome", outcome).count();
	}

}
