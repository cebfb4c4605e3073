package io.statewise.session;

import java.time.Duration;

import io.statewise.embedded.PostgresServer;
import io.statewise.session.TestUsers.Credentials;
import io.statewise.testkit.Datastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL (accounts) stops while shoppers are logged in. Protects: carts and existing
 * sessions keep working (they live in Redis only); login and sign-up answer 503 with
 * {@code Retry-After}, not "wrong password", and count no failed attempt against the
 * user.
 */
@SessionTest
class PostgresOutageTests {

	@LocalServerPort
	int port;

	PostgresServer postgres;

	@BeforeEach
	void embeddedPostgresOnly() {
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();
	}

	@AfterEach
	void postgresBack() {
		if (this.postgres != null) {
			this.postgres.start();
		}
	}

	@Test
	void outageShouldKeepSessionsAndCartsAndRefuseLoginWith503WithoutCountingAFailure() {
		Credentials user = TestUsers.signUp(this.port);
		Browser shopper = new Browser(TestUsers.randomAddress());
		shopper.post(this.port, "/api/session/login", user.json());

		this.postgres.stop();

		assertThat(shopper.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":2}").status())
			.isEqualTo(200);
		assertThat(shopper.get(this.port, "/api/cart").json().get("totalQuantity").asInt()).isEqualTo(2);
		for (int attempt = 0; attempt < 6; attempt++) {
			Browser.Response login = new Browser(TestUsers.randomAddress()).post(this.port, "/api/session/login",
					user.json());
			assertThat(login.status()).as(login.body()).isEqualTo(503);
			assertThat(login.isProblem()).isTrue();
			assertThat(login.retryAfter()).isEqualTo("1");
		}

		this.postgres.start();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					new Browser(TestUsers.randomAddress()).post(this.port, "/api/session/login", user.json()).status())
				.as("six refused logins counted no failure against the account")
				.isEqualTo(200));
	}

}
