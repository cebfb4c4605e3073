package io.statewise.session.introspection;

import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SessionTest
class IntrospectionTests {

	@LocalServerPort
	int port;

	@Test
	void noCookieShouldBeAnonymous() {
		JsonNode answer = new Browser(TestUsers.randomAddress()).get(this.port, "/internal/session").json();
		assertThat(answer.get("authenticated").asBoolean()).isFalse();
		assertThat(answer.get("userId").isNull()).isTrue();
	}

	@Test
	void loggedInCookieShouldNameTheUserAndRolesUntilLogout() {
		Browser browser = new Browser(TestUsers.randomAddress());
		String userId = browser.post(this.port, "/api/session/login", TestUsers.signUp(this.port).json())
			.json()
			.get("id")
			.asString();

		JsonNode answer = browser.get(this.port, "/internal/session").json();

		assertThat(answer.get("authenticated").asBoolean()).isTrue();
		assertThat(answer.get("userId").asString()).isEqualTo(userId);
		assertThat(answer.get("roles").get(0).asString()).isEqualTo("user");
		assertThat(answer.get("expiresAt").asString()).isNotBlank();
		browser.post(this.port, "/api/session/logout", null);
		Browser replay = new Browser(TestUsers.randomAddress());
		replay.session(browser.session());
		assertThat(replay.get(this.port, "/internal/session").json().get("authenticated").asBoolean()).isFalse();
	}

	@Test
	void unknownCookieShouldBeAnonymous() {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.session("bm90LWEtc2Vzc2lvbg");
		assertThat(browser.get(this.port, "/internal/session").json().get("authenticated").asBoolean()).isFalse();
	}

}
