package io.statewise.session;

import io.statewise.session.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lesson of the two modes, as tests: with sessions in Redis, any instance serves any
 * request and a restart loses nothing; with sessions in memory, a restart logs users out
 * and empties their carts. The second is the expected behaviour of the stateful mode.
 */
@SessionTest
class SessionStoreTests {

	@LocalServerPort
	int port;

	@Test
	void redisModeShouldLetAnotherInstanceServeTheSameSessionAndCart() {
		Credentials user = TestUsers.signUp(this.port);
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.post(this.port, "/api/session/login", user.json());
		browser.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-003\",\"quantity\":2}");
		ConfigurableApplicationContext other = Instances.start();
		try {
			int otherPort = Instances.port(other);
			assertThat(browser.get(otherPort, "/api/account/me").json().get("email").asString())
				.isEqualTo(user.email());
			browser.post(otherPort, "/api/cart/lines", "{\"productId\":\"TEA-003\",\"quantity\":1}");
			assertThat(browser.get(this.port, "/api/cart").json().get("totalQuantity").asInt()).isEqualTo(3);
		}
		finally {
			other.close();
		}
	}

	@Test
	void redisModeRestartShouldKeepSessionsWhileMemoryModeRestartLosesThem() {
		assertThat(cartSurvivesRestart("statewise.session.store=redis")).isEqualTo(2);
		assertThat(cartSurvivesRestart("statewise.session.store=memory")).isZero();
	}

	/**
	 * Fills a logged-in cart on one instance, replaces the instance, and reads the cart
	 * back.
	 */
	private int cartSurvivesRestart(String store) {
		Credentials user = TestUsers.signUp(this.port);
		Browser browser = new Browser(TestUsers.randomAddress());
		ConfigurableApplicationContext before = Instances.start(store);
		browser.post(Instances.port(before), "/api/session/login", user.json());
		browser.post(Instances.port(before), "/api/cart/lines", "{\"productId\":\"CUP-005\",\"quantity\":2}");
		before.close();
		ConfigurableApplicationContext after = Instances.start(store);
		try {
			int loggedIn = browser.get(Instances.port(after), "/api/account/me").status();
			int quantity = browser.get(Instances.port(after), "/api/cart").json().get("totalQuantity").asInt();
			assertThat(loggedIn).isEqualTo((quantity > 0) ? 200 : 401);
			return quantity;
		}
		finally {
			after.close();
		}
	}

}
