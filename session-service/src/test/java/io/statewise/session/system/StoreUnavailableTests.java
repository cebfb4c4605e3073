package io.statewise.session.system;

import io.statewise.session.Browser;
import io.statewise.session.Browser.Response;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;

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
		browser.post(this.port, "/api/session/login", TestUsers.signUp(this.port).json());
		assertThat(browser.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-004\",\"quantity\":1}").status())
			.isEqualTo(200);
		String key = browser.sessionKey();
		assertThat(this.redis.hasKey(key)).as(key).isTrue();
		this.redis.delete(key);
		this.redis.opsForValue().set(key, "not a session");

		Response answer = browser.get(this.port, "/api/cart");

		assertThat(answer.status()).as(answer.body()).isEqualTo(500);
		assertThat(answer.isProblem()).isTrue();
		assertThat(answer.retryAfter()).isEmpty();
		assertThat(answer.json().path("title").asString()).isNotEqualTo("Session store unavailable");
	}

}
