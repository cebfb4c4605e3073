package io.statewise.session;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import io.statewise.testkit.Answers;
import io.statewise.embedded.PostgresServer;
import io.statewise.support.problem.DatabaseUnavailable;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.PostgresTrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL (accounts) stops at a write's last step (a {@link PostgresTrap} stops it on
 * the working thread). Protects "an account exists whole or not at all, and a write the
 * database did not take is refused as retryable": a sign-up answers 503 with
 * {@code Retry-After}, not a 500, leaves no account, and its retry creates the one
 * account; a transaction whose commit breaks off, with this service's own transaction
 * manager and pool, is recognised as the database gone (503), its outcome unknown.
 */
@SessionTest
class PostgresStopsMidRequestTests {

	private static final Duration BACK = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	PostgresTrap trap;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	PostgresServer postgres;

	@BeforeEach
	void embeddedPostgresOnly() {
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();
	}

	@AfterEach
	void postgresBack() {
		this.trap.disarm();
		if (this.postgres != null) {
			this.postgres.start();
			// HikariCP replaces the connections the stop broke only as it meets them
			await().atMost(BACK).ignoreExceptions().until(() -> accounts("nobody@example.com") == 0);
		}
	}

	@Test
	void stopJustBeforeASignUpIsWrittenShouldBe503WithNoAccountAndTheRetryShouldCreateOne() {
		String email = "User." + UUID.randomUUID() + "@Example.com";
		this.trap.beforeStatement("INSERT INTO account", this.postgres::stop);

		ResponseSpec refused = signUp(email);

		assertThat(this.trap.sprung()).as("PostgreSQL stopped before the insert").isTrue();
		expectProblem(refused, 503);
		refused.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		postgresBack();
		assertThat(accounts(email)).as("no account").isZero();
		await().atMost(BACK).until(() -> Answers.status(signUp(email)) == 201);
		assertThat(accounts(email)).isOne();
	}

	@Test
	void aCommitThatBreaksOffShouldMeanTheDatabaseIsGoneWithTheOutcomeUnknownAndWriteNothing() {
		String email = "User." + UUID.randomUUID() + "@Example.com";
		this.trap.beforeCommitAfter("INSERT INTO account", this.postgres::stop);

		RuntimeException failure = asARequest(() -> catchRuntimeException(
				() -> this.transactions.executeWithoutResult((tx) -> insertAccount(email))));

		assertThat(this.trap.sprung()).as("PostgreSQL stopped before the commit").isTrue();
		assertThat(DatabaseUnavailable.is(failure)).as("503, not 500: %s", failure).isTrue();
		assertThat(DatabaseUnavailable.commitOutcomeUnknown(failure)).isTrue();
		postgresBack();
		assertThat(accounts(email)).as("nothing committed").isZero();
	}

	private ResponseSpec signUp(String email) {
		return TestUsers.signUp(this.port,
				"{\"email\":\"%s\",\"password\":\"correct horse battery\",\"displayName\":\"Test\"}".formatted(email));
	}

	private void insertAccount(String email) {
		this.jdbc.sql("INSERT INTO account (id, email, display_name, password_hash) VALUES (?, ?, 'Test', 'x')")
			.params(UUID.randomUUID(), email)
			.update();
	}

	private int accounts(String email) {
		return this.jdbc.sql("SELECT count(*) FROM account WHERE lower(email) = lower(?)")
			.param(email)
			.query(Integer.class)
			.single();
	}

	/**
	 * Runs on this thread as if it were answering a request: the trap springs only then.
	 */
	private static <T> T asARequest(Supplier<T> work) {
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
		try {
			return work.get();
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

}
