package io.statewise.gateway;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class EdgeAuthenticationTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void ordersWithoutASessionCookieShouldAnswerUnauthorizedWithoutAskingAnyone() {
		HttpResponse<String> response = http().get("/api/orders");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(Http.isProblem(response)).isTrue();
		assertThat(Backends.count(Backends.SESSIONS, getRequestedFor(urlPathEqualTo("/internal/session")))).isZero();
		assertThat(orderRequests()).isZero();
	}

	@Test
	void ordersWithAnAnonymousSessionShouldAnswerUnauthorized() {
		HttpResponse<String> response = http().get("/api/orders", "Cookie", "SESSION=expired-or-guest");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(Http.json(response).path("title").asString()).isEqualTo("Login required");
		assertThat(orderRequests()).isZero();
	}

	@Test
	void ordersOfALoggedInUserShouldCarryTheUserIdNotAForgedOne() {
		String session = Backends.loggedIn("alice", "customer");
		stubOrders(get(urlPathEqualTo("/api/orders")));
		HttpResponse<String> response = http().get("/api/orders", "Cookie", "SESSION=" + session, "X-User-Id",
				"mallory", "X-User-Roles", "admin");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		LoggedRequest received = onlyOrderRequest();
		assertThat(received.getHeader("X-User-Id")).isEqualTo("alice");
		assertThat(received.getHeader("X-User-Roles")).isEqualTo("customer");
	}

	@Test
	void catalogReadsShouldStayAnonymousButRestockShouldCarryTheAdminRole() {
		String session = Backends.loggedIn("root", "admin", "customer");
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("[]")));
			server.stubFor(post(urlPathEqualTo("/api/catalog/products/TEA-001/restock")).willReturn(okJson("{}")));
		}
		assertThat(http().get("/api/catalog/categories", "Cookie", "SESSION=" + session).statusCode()).isEqualTo(200);
		HttpResponse<String> restock = http().post("/api/catalog/products/TEA-001/restock", "{\"quantity\":5}",
				"Cookie", "SESSION=" + session);
		assertThat(restock.statusCode()).as(restock.body()).isEqualTo(200);
		assertThat(Backends.count(Backends.SESSIONS, getRequestedFor(urlPathEqualTo("/internal/session")))).isOne();
		LoggedRequest received = Backends.INVENTORY_A
			.findAll(postRequestedFor(urlPathEqualTo("/api/catalog/products/TEA-001/restock")))
			.stream()
			.findFirst()
			.orElseGet(() -> Backends.INVENTORY_B
				.findAll(postRequestedFor(urlPathEqualTo("/api/catalog/products/TEA-001/restock")))
				.get(0));
		assertThat(received.getHeader("X-User-Roles")).isEqualTo("admin,customer");
	}

	@Test
	void anonymousRestockShouldAnswerUnauthorized() {
		HttpResponse<String> response = http().post("/api/catalog/products/TEA-001/restock", "{\"quantity\":5}");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(Http.isProblem(response)).isTrue();
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

	private Http http() {
		return new Http(this.port);
	}

}
