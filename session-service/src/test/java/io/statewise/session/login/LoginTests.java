package io.statewise.session.login;

import io.statewise.testkit.Answers;
import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import io.statewise.session.TestUsers.Credentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@SessionTest
class LoginTests {

	@LocalServerPort
	int port;

	Credentials user;

	Browser browser;

	@BeforeEach
	void newUserAndBrowser() {
		this.user = TestUsers.signUp(this.port);
		this.browser = new Browser(TestUsers.randomAddress());
	}

	@Test
	void loginShouldRotateTheSessionIdAndKeepTheGuestCart() {
		this.browser.addLine(this.port, "TEA-001", 2);
		String guestSession = this.browser.session();

		ResponseSpec login = this.browser.login(this.port, this.user.json());

		login.expectStatus().isOk().expectBody().jsonPath("$.email").isEqualTo(this.user.email());
		assertThat(this.browser.session()).isNotNull().isNotEqualTo(guestSession);
		this.browser.cart(this.port).expectBody().jsonPath("$.lines[0].quantity").isEqualTo(2);
		Browser attacker = new Browser(TestUsers.randomAddress());
		attacker.session(guestSession);
		// the pre-login id is worthless
		attacker.get(this.port, "/api/account/me").expectStatus().isUnauthorized();
	}

	@Test
	void loggedInSessionShouldKnowItsAccountAndCookieShouldBeHardened() {
		ResponseSpec login = this.browser.login(this.port, this.user.json());

		login.expectCookie()
			.httpOnly("SESSION", true)
			.expectCookie()
			.sameSite("SESSION", "Lax")
			.expectCookie()
			.secure("SESSION", true);
		this.browser.get(this.port, "/api/account/me").expectBody().jsonPath("$.email").isEqualTo(this.user.email());
	}

	@Test
	void wrongPasswordAndUnknownEmailShouldAnswerTheSame401() {
		ResponseSpec wrongPassword = this.browser.login(this.port, this.user.json("wrong password!"));
		ResponseSpec unknownEmail = this.browser.login(this.port,
				"{\"email\":\"nobody@example.com\",\"password\":\"wrong password!\"}");

		expectProblem(wrongPassword, 401);
		String detail = Answers.read(wrongPassword, "$.detail");
		expectProblem(unknownEmail, 401).jsonPath("$.detail").isEqualTo(detail);
	}

	@Test
	void logoutShouldInvalidateTheSession() {
		this.browser.login(this.port, this.user.json());
		String session = this.browser.session();

		this.browser.post(this.port, "/api/session/logout").expectStatus().isNoContent();

		Browser replay = new Browser(TestUsers.randomAddress());
		replay.session(session);
		replay.get(this.port, "/api/account/me").expectStatus().isUnauthorized();
	}

	@Test
	void passwordLongerThanBcryptReadsShouldAnswerTheSame401() {
		expectProblem(this.browser.login(this.port, this.user.json("é".repeat(40))), 401);
	}

	/**
	 * PostgreSQL refuses a NUL in text: looked up, such an email was a server error
	 * ({@code 503}), which the gateway counted against session-service until its circuit
	 * opened for every user. Input the client got wrong is the client's error.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "\\u0000", "\\u0007", "\\u001b", "\\u007f", "\\u0085", "\\ud800" })
	void emailWithAControlCharacterShouldAnswerBadRequest(String character) {
		ResponseSpec response = this.browser.login(this.port,
				"{\"email\":\"a%sb@example.com\",\"password\":\"wrong password!\"}".formatted(character));

		expectProblem(response, 400).jsonPath("$.errors[0].field").isEqualTo("email");
	}

	@Test
	void malformedLoginShouldAnswerBadRequest() {
		expectProblem(this.browser.login(this.port, "{\"email\":"), 400);
	}

}
