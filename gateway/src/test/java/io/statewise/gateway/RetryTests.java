package io.statewise.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries protect idempotent requests from one failing instance, and never run a
 * non-idempotent request twice.
 */
@GatewayTest
class RetryTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void getsAnsweredUnavailableByOneInstanceShouldBeServedByTheOther() {
		Backends.INVENTORY_A
			.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(aResponse().withStatus(503)));
		Backends.INVENTORY_B.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{\"items\":[]}")));
		for (int i = 0; i < 4; i++) {
			client().get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		}
		RequestPatternBuilder products = getRequestedFor(urlPathEqualTo("/api/catalog/products"));
		assertThat(Backends.count(Backends.INVENTORY_B, products)).isEqualTo(4);
		assertThat(Backends.count(Backends.INVENTORY_A, products)).isPositive();
	}

	@Test
	void getsShouldBeRetriedOnAnotherInstanceAfterAConnectFailure() {
		Backends.SESSIONS.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));
		for (int i = 0; i < 4; i++) {
			client().get().uri("/api/cart").exchange().expectStatus().isOk();
		}
		assertThat(Backends.count(Backends.SESSIONS, getRequestedFor(urlPathEqualTo("/api/cart")))).isEqualTo(4);
	}

	@Test
	void getsCutOffByADyingInstanceShouldBeServedByTheOther() {
		Backends.INVENTORY_A.stubFor(get(urlPathEqualTo("/api/catalog/products"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		Backends.INVENTORY_B.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{\"items\":[]}")));
		for (int i = 0; i < 4; i++) {
			client().get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		}
		RequestPatternBuilder products = getRequestedFor(urlPathEqualTo("/api/catalog/products"));
		assertThat(Backends.count(Backends.INVENTORY_A, products)).isPositive();
	}

	@Test
	void postsWithoutAnIdempotencyKeyCutOffByADyingInstanceShouldNotBeSentAgain() {
		String session = Backends.loggedIn("erin");
		stubBothOrderInstances(
				post(urlPathEqualTo("/api/orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		checkout(session).exchange().expectStatus().isEqualTo(502);
		assertThat(orderPosts()).isOne();
	}

	@Test
	void postsWithoutAnIdempotencyKeyShouldNeverBeSentTwice() {
		String session = Backends.loggedIn("bob");
		stubBothOrderInstances(post(urlPathEqualTo("/api/orders")).willReturn(aResponse().withStatus(503)));
		checkout(session).exchange().expectStatus().isEqualTo(503);
		assertThat(orderPosts()).isOne();
	}

	@Test
	void postsWithAnIdempotencyKeyShouldBeRetriedABoundedNumberOfTimes() {
		String session = Backends.loggedIn("carol");
		stubBothOrderInstances(post(urlPathEqualTo("/api/orders")).willReturn(aResponse().withStatus(503)));
		checkout(session).header("Idempotency-Key", "key-0001")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.exists("Retry-After");
		assertThat(orderPosts()).isEqualTo(3);
		assertThat(Backends.count(Backends.ORDERS_A, postRequestedFor(urlPathEqualTo("/api/orders")))).isPositive();
		assertThat(Backends.count(Backends.ORDERS_B, postRequestedFor(urlPathEqualTo("/api/orders")))).isPositive();
	}

	@Test
	void postsWithAnIdempotencyKeyShouldReachTheHealthyInstanceWithTheirBody() {
		String session = Backends.loggedIn("dave");
		Backends.ORDERS_A.stubFor(post(urlPathEqualTo("/api/orders")).willReturn(aResponse().withStatus(503)));
		Backends.ORDERS_B.stubFor(post(urlPathEqualTo("/api/orders")).willReturn(aResponse().withStatus(201)));
		for (int i = 0; i < 2; i++) {
			Gateway.post(client(), "/api/orders", "{\"lines\":[1]}")
				.cookie("SESSION", session)
				.header("Idempotency-Key", "key-000" + i)
				.exchange()
				.expectStatus()
				.isCreated();
		}
		assertThat(Backends.ORDERS_B.findAll(postRequestedFor(urlPathEqualTo("/api/orders"))))
			.allSatisfy((request) -> assertThat(request.getBodyAsString()).isEqualTo("{\"lines\":[1]}"));
	}

	/**
	 * Session-service does not deduplicate cart writes by Idempotency-Key: sent twice, a
	 * keyed line would be added twice.
	 */
	@Test
	void keyedPostsShouldBeSentOnceWhereTheServiceDoesNotDeduplicateByTheKey() {
		Backends.SESSIONS.stubFor(post(urlPathEqualTo("/api/cart/lines")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/problem+json")
			.withBody("{\"title\":\"Session store unavailable\"}")));
		Gateway.post(client(), "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":1}")
			.header("Idempotency-Key", "cart-key-0001")
			.exchange()
			.expectBody()
			.jsonPath("$.title")
			.value(String.class, (title) -> {
				// sent to the live instance (its own 503 comes back) or to the dead one
				// (refused: nothing arrived), never both or twice
				int sent = "Session store unavailable".equals(title) ? 1 : 0;
				assertThat(Backends.count(Backends.SESSIONS, postRequestedFor(urlPathEqualTo("/api/cart/lines"))))
					.isEqualTo(sent);
			});
	}

	@Test
	void keyedRestocksShouldReachTheHealthyInstanceSinceInventoryDeduplicatesThem() {
		String session = Backends.loggedIn("frank", "admin");
		Backends.INVENTORY_A.stubFor(post(urlPathEqualTo(Gateway.RESTOCK)).willReturn(aResponse().withStatus(503)));
		Backends.INVENTORY_B.stubFor(post(urlPathEqualTo(Gateway.RESTOCK)).willReturn(okJson("{\"available\":5}")));
		for (int i = 0; i < 2; i++) {
			Gateway.restock(client(), "{\"quantity\":5}")
				.cookie("SESSION", session)
				.header("Idempotency-Key", "restock-000" + i)
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	@Test
	void serverErrorsOtherThanUnavailableShouldNotBeRetried() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(500)));
		}
		client().get().uri("/api/catalog/categories").exchange().expectStatus().isEqualTo(500);
		RequestPatternBuilder categories = getRequestedFor(urlPathEqualTo("/api/catalog/categories"));
		assertThat(Backends.count(Backends.INVENTORY_A, categories) + Backends.count(Backends.INVENTORY_B, categories))
			.isOne();
	}

	private static void stubBothOrderInstances(MappingBuilder stub) {
		Backends.ORDERS_A.stubFor(stub);
		Backends.ORDERS_B.stubFor(stub);
	}

	private static int orderPosts() {
		return Backends.count(Backends.ORDERS_A, postRequestedFor(urlPathEqualTo("/api/orders")))
				+ Backends.count(Backends.ORDERS_B, postRequestedFor(urlPathEqualTo("/api/orders")));
	}

	/** An order with no lines, as the user of this session. */
	private RequestHeadersSpec<?> checkout(String session) {
		return Gateway.post(client(), "/api/orders", "{\"lines\":[]}").cookie("SESSION", session);
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
