package io.statewise.session;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SessionTest
class ObservabilityTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void loginsSessionsAndRedisCommandsShouldBeExportedToPrometheus() {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.login(this.port, TestUsers.signUp(this.port).json()).expectStatus().isOk();
		// introspection is what reads a session with HGETALL; without it the assertion
		// below held only when an earlier test in the shared context had introspected
		browser.introspect(this.port).expectStatus().isOk();
		browser.session("no-such-session");
		browser.cart(this.port).expectStatus().isOk();

		String metrics = new Browser(TestUsers.randomAddress()).get(this.managementPort, "/actuator/prometheus")
			.returnResult(String.class)
			.getResponseBody();

		assertThat(metrics).containsPattern("statewise_logins_total\\{[^}]*outcome=\"success\"")
			.containsPattern("statewise_sessions_total\\{[^}]*event=\"created\"[^}]*store=\"redis\"")
			.containsPattern("statewise_sessions_total\\{[^}]*event=\"expired\"[^}]*store=\"redis\"")
			.containsPattern("lettuce_seconds_count\\{[^}]*db_operation=\"HGETALL\"");
	}

	@Test
	void healthShouldShowTheRedisNodeItWritesToAsPrimary() {
		new Browser(TestUsers.randomAddress()).get(this.managementPort, "/actuator/health/readiness")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.redisRole.details.role")
			.isEqualTo("master");
	}

}
