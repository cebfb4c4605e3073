package io.statewise.session;

import java.time.Duration;

import io.statewise.embedded.PostgresServer;
import io.statewise.session.TestUsers.Credentials;
import io.statewise.testkit.Datastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
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
		shopper.login(this.port, user.json()).expectStatus().isOk();

		this.postgres.stop();

		shopper.addLine(this.port, "TEA-001", 2).expectStatus().isOk();
		assertThat(shopper.totalQuantity(this.port)).isEqualTo(2);
		for (int attempt = 0; attempt < 6; attempt++) {
			ResponseSpec login = new Browser(TestUsers.randomAddress()).login(this.port, user.json());
			expectProblem(login, 503);
			login.expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
		}

		this.postgres.start();
		// six refused logins counted no failure against the account
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> new Browser(TestUsers.randomAddress()).login(this.port, user.json()).expectStatus().isOk());
	}

}
