package io.statewise.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.statewise.gateway.Gateway.RESTOCK;
import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class EdgeAuthenticationTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void ordersWithoutASessionCookieShouldAnswerUnauthorizedWithoutAskingAnyone() {
		expectProblem(client().get().uri("/api/orders").exchange(), 401);
		assertThat(Backends.count(Backends.SESSIONS, getRequestedFor(urlPathEqualTo("/internal/session")))).isZero();
		assertThat(orderRequests()).isZero();
	}

	@Test
	void ordersWithAnAnonymousSessionShouldAnswerUnauthorized() {
		Gateway.orders(client(), "expired-or-guest")
			.expectStatus()
			.isEqualTo(401)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Login required");
		assertThat(orderRequests()).isZero();
	}

	@Test
	void ordersOfALoggedInUserShouldCarryTheUserIdNotAForgedOne() {
		String session = Backends.loggedIn("alice", "customer");
		stubOrders(get(urlPathEqualTo("/api/orders")));
		client().get()
			.uri("/api/orders")
			.cookie("SESSION", session)
			.header("X-User-Id", "mallory")
			.header("X-User-Roles", "admin")
			.exchange()
			.expectStatus()
			.isOk();
		LoggedRequest received = onlyOrderRequest();
		assertThat(received.getHeader("X-User-Id")).isEqualTo("alice");
		assertThat(received.getHeader("X-User-Roles")).isEqualTo("customer");
	}

	@Test
	void catalogReadsShouldStayAnonymousButRestockShouldCarryTheAdminRole() {
		String session = Backends.loggedIn("root", "admin", "customer");
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("[]")));
			server.stubFor(post(urlPathEqualTo(RESTOCK)).willReturn(okJson("{}")));
		}
		client().get().uri("/api/catalog/categories").cookie("SESSION", session).exchange().expectStatus().isOk();
		Gateway.restock(client(), "{\"quantity\":5}").cookie("SESSION", session).exchange().expectStatus().isOk();
		assertThat(Backends.count(Backends.SESSIONS, getRequestedFor(urlPathEqualTo("/internal/session")))).isOne();
		LoggedRequest received = Backends.INVENTORY_A.findAll(postRequestedFor(urlPathEqualTo(RESTOCK)))
			.stream()
			.findFirst()
			.orElseGet(() -> Backends.INVENTORY_B.findAll(postRequestedFor(urlPathEqualTo(RESTOCK))).get(0));
		assertThat(received.getHeader("X-User-Roles")).isEqualTo("admin,customer");
	}

	@Test
	void anonymousRestockShouldAnswerUnauthorized() {
		expectProblem(Gateway.restock(client(), "{\"quantity\":5}").exchange(), 401);
	}

	private static void stubOrders(com.github.tomakehurst.wiremock.client.MappingBuilder request) {
		Backends.ORDERS_A.stubFor(request.willReturn(okJson("{\"items\":[]}")));
		Backends.ORDERS_B.stubFor(request.willReturn(okJson("{\"items\":[]}")));
	}

	private static int orderRequests() {
		return Backends.count(Backends.ORDERS_A, anyRequestedFor(anyUrl()).withUrl("/api/orders"))
				+ Backends.count(Backends.ORDERS_B, anyRequestedFor(anyUrl()).withUrl("/api/orders"));
	}

	private static LoggedRequest onlyOrderRequest() {
		var all = new java.util.ArrayList<>(Backends.ORDERS_A.findAll(getRequestedFor(urlPathEqualTo("/api/orders"))));
		all.addAll(Backends.ORDERS_B.findAll(getRequestedFor(urlPathEqualTo("/api/orders"))));
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
