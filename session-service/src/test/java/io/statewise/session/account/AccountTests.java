package io.statewise.session.account;

import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@SessionTest
class AccountTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void signUpShouldStoreAHashedPasswordAndNeverReturnIt() {
		TestUsers.Credentials user = TestUsers.signUp(this.port);
		String hash = this.jdbc.sql("SELECT password_hash FROM account WHERE lower(email) = lower(?)")
			.param(user.email())
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(user.password());
	}

	@Test
	void sameEmailInAnotherCaseShouldConflict() {
		TestUsers.Credentials user = TestUsers.signUp(this.port);
		expectProblem(TestUsers.signUp(this.port,
				"{\"email\":\"%s\",\"password\":\"another long one\",\"displayName\":\"Twin\"}"
					.formatted(user.email().toUpperCase())),
				409);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"email\":\"not-an-email\",\"password\":\"long enough pw\",\"displayName\":\"A\"}",
			"{\"email\":\"a@example.com\",\"password\":\"short\",\"displayName\":\"A\"}",
			"{\"email\":\"pw.is.me@example.com\",\"password\":\"pw.is.me@example.com\",\"displayName\":\"A\"}",
			"{\"email\":\"a@example.com\",\"password\":\"long enough pw\",\"displayName\":\"\"}",
			"{\"email\":\"a@example.com\",\"password\":\"ééééééééééééééééééééééééééééééééééééééé\",\"displayName\":\"A\"}",
			"{\"email\":\"a@example.com\",\"password\":\"0123456789012345678901234567890123456789012345678901234567890123456789abc\",\"displayName\":\"A\"}",
			"{\"email\":\"a@example.com\",\"password\":\"long enough pw\"", "{}",
			"{\"email\":\"nul.name@example.com\",\"password\":\"long enough pw\",\"displayName\":\"A\\u0000\"}",
			"{\"email\":\"nul\\u0000@example.com\",\"password\":\"long enough pw\",\"displayName\":\"A\"}",
			"{\"email\":\"escape.name@example.com\",\"password\":\"long enough pw\",\"displayName\":\"\\u001b[2JA\"}",
			"{\"email\":\"c1.name@example.com\",\"password\":\"long enough pw\",\"displayName\":\"A\\u0085\"}",
			"{\"email\":\"surrogate.name@example.com\",\"password\":\"long enough pw\",\"displayName\":\"A\\ud800\"}",
			"{\"email\":\"nul.password@example.com\",\"password\":\"long enough\\u0000pw\",\"displayName\":\"A\"}" })
	void invalidSignUpShouldAnswerBadRequestAndCreateNothing(String body) {
		long before = this.jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
		expectProblem(TestUsers.signUp(this.port, body), 400);
		assertThat(this.jdbc.sql("SELECT count(*) FROM account").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void meWithoutASessionShouldAnswerUnauthorizedProblem() {
		expectProblem(new Browser(TestUsers.randomAddress()).get(this.port, "/api/account/me"), 401);
	}

}
