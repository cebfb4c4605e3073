package io.statewise.session.introspection;

import io.statewise.testkit.Answers;
import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SessionTest
class IntrospectionTests {

	@LocalServerPort
	int port;

	@Test
	void noCookieShouldBeAnonymous() {
		new Browser(TestUsers.randomAddress()).introspect(this.port)
			.expectBody()
			.jsonPath("$.authenticated")
			.isEqualTo(false)
			.jsonPath("$.userId")
			.isEqualTo(null);
	}

	@Test
	void loggedInCookieShouldNameTheUserAndRolesUntilLogout() {
		Browser browser = new Browser(TestUsers.randomAddress());
		String userId = Answers.read(browser.login(this.port, TestUsers.signUp(this.port).json()).expectStatus().isOk(),
				"$.id");

		browser.introspect(this.port)
			.expectBody()
			.jsonPath("$.authenticated")
			.isEqualTo(true)
			.jsonPath("$.userId")
			.isEqualTo(userId)
			.jsonPath("$.roles[0]")
			.isEqualTo("user")
			.jsonPath("$.expiresAt")
			.value(String.class, (expiresAt) -> assertThat(expiresAt).isNotBlank());
		browser.post(this.port, "/api/session/logout").expectStatus().isNoContent();
		Browser replay = new Browser(TestUsers.randomAddress());
		replay.session(browser.session());
		replay.introspect(this.port).expectBody().jsonPath("$.authenticated").isEqualTo(false);
	}

	@Test
	void unknownCookieShouldBeAnonymous() {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.session("bm90LWEtc2Vzc2lvbg");
		browser.introspect(this.port).expectBody().jsonPath("$.authenticated").isEqualTo(false);
	}

}
