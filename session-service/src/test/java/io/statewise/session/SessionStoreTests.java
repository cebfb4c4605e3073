package io.statewise.session;

import io.statewise.session.TestUsers.Credentials;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

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
		browser.login(this.port, user.json()).expectStatus().isOk();
		browser.addLine(this.port, "TEA-003", 2).expectStatus().isOk();
		ConfigurableApplicationContext other = Instances.start();
		try {
			int otherPort = Instances.port(other);
			browser.get(otherPort, "/api/account/me").expectBody().jsonPath("$.email").isEqualTo(user.email());
			browser.addLine(otherPort, "TEA-003", 1).expectStatus().isOk();
			assertThat(browser.totalQuantity(this.port)).isEqualTo(3);
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
		browser.login(Instances.port(before), user.json()).expectStatus().isOk();
		browser.addLine(Instances.port(before), "CUP-005", 2).expectStatus().isOk();
		before.close();
		ConfigurableApplicationContext after = Instances.start(store);
		try {
			ResponseSpec me = browser.get(Instances.port(after), "/api/account/me");
			int quantity = browser.totalQuantity(Instances.port(after));
			me.expectStatus().isEqualTo((quantity > 0) ? 200 : 401);
			return quantity;
		}
		finally {
			after.close();
		}
	}

}
