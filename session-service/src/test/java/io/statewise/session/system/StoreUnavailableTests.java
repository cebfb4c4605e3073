package io.statewise.session.system;

import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "The session store cannot be reached" is a {@code 503} the browser may retry; anything
 * else Redis or PostgreSQL answers is not. A session whose Redis entry is not what the
 * store wrote (here: a string where a hash belongs, so every script on it fails with
 * {@code WRONGTYPE}) is a defect to look at, not an outage to wait out: it must not be
 * answered "unavailable, retry shortly", which a client would retry for ever.
 */
@SessionTest
class StoreUnavailableTests {

	@LocalServerPort
	int port;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void aCorruptSessionEntryShouldBeAnErrorNotAnOutage() {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.login(this.port, TestUsers.signUp(this.port).json()).expectStatus().isOk();
		browser.addLine(this.port, "TEA-004", 1).expectStatus().isOk();
		String key = browser.sessionKey();
		assertThat(this.redis.hasKey(key)).as(key).isTrue();
		this.redis.delete(key);
		this.redis.opsForValue().set(key, "not a session");

		ResponseSpec answer = browser.cart(this.port);

		answer.expectHeader().doesNotExist(HttpHeaders.RETRY_AFTER);
		expectProblem(answer, 500).jsonPath("$.title")
			.value(String.class, (title) -> assertThat(title).isNotEqualTo("Session store unavailable"));
	}

}
