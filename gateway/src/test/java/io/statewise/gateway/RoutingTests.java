package io.statewise.gateway;

import io.statewise.testkit.TestClients;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class RoutingTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	TimeLimiterRegistry timeLimiters;

	@Test
	void catalogRequestShouldReachInventoryServiceUnchangedAndSayWhichInstanceServedIt() {
		stubCatalog();
		client().get()
			.uri("/api/catalog/products?category=tea")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches("X-Served-By", "inventory-service/127\\.0\\.0\\.1:\\d+")
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("TEA-001"));
	}

	@Test
	void cartRequestShouldReachSessionServiceWithTheClientAddressAndTraceContext() {
		Backends.SESSIONS.stubFor(get(urlEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));
		client().get().uri("/api/cart").header("X-Forwarded-For", "10.9.9.9").exchange().expectStatus().isOk();
		LoggedRequest received = Backends.SESSIONS.findAll(getRequestedFor(urlEqualTo("/api/cart"))).get(0);
		assertThat(received.getHeader("X-Forwarded-For")).isEqualTo("127.0.0.1");
		assertThat(received.getHeader("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
	}

	@Test
	void forwardedRequestsShouldCarryTheRoutesDeadlineInsteadOfTheClients() {
		Backends.SESSIONS.stubFor(get(urlEqualTo("/api/cart?deadline")).willReturn(okJson("{\"lines\":[]}")));
		long before = System.currentTimeMillis();
		client().get().uri("/api/cart?deadline").header("X-Statewise-Deadline", "1").exchange().expectStatus().isOk();
		LoggedRequest received = Backends.SESSIONS.findAll(getRequestedFor(urlEqualTo("/api/cart?deadline"))).get(0);
		long deadline = Long.parseLong(received.getHeader("X-Statewise-Deadline"));
		long limit = this.timeLimiters.timeLimiter("session-service")
			.getTimeLimiterConfig()
			.getTimeoutDuration()
			.toMillis();
		assertThat(limit).as("session-service's time limit").isEqualTo(2000);
		assertThat(deadline).as("the route's time limit from when it was forwarded")
			.isBetween(before + limit, System.currentTimeMillis() + limit);
	}

	@Test
	void orderPathsShouldBeRewrittenToOrderServicesOwnPaths() {
		String session = Backends.loggedIn("alice");
		Backends.ORDERS_A.stubFor(get(urlPathEqualTo("/api/orders/42")).willReturn(okJson("{\"id\":\"42\"}")));
		Backends.ORDERS_B.stubFor(get(urlPathEqualTo("/api/orders/42")).willReturn(okJson("{\"id\":\"42\"}")));
		client().get()
			.uri("/api/orders/42")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("42");
	}

	@Test
	void forgedIdentityHeadersShouldNeverReachABackend() {
		stubCatalog();
		client().get()
			.uri("/api/catalog/products?category=tea")
			.header("X-User-Id", "admin")
			.header("X-User-Roles", "admin")
			.header("x-user-whatever", "1")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(catalogRequests(
				getRequestedFor(urlPathEqualTo("/api/catalog/products")).withHeader("X-User-Id", absent())
					.withHeader("X-User-Roles", absent())
					.withHeader("x-user-whatever", absent())))
			.isEqualTo(1);
	}

	@Test
	void internalPathsShouldAnswerNotFoundWithoutReachingAnyBackend() {
		for (String path : new String[] { "/internal/session", "/internal/consistency", "/orders", "/actuator/health",
				"/fallback/order-service" }) {
			expectProblem(client().get().uri(path).exchange(), 404);
		}
		assertThat(catalogRequests(anyRequestedFor(urlPathEqualTo("/internal/consistency")))).isZero();
		assertThat(Backends.count(Backends.SESSIONS, anyRequestedFor(urlEqualTo("/internal/session")))).isZero();
	}

	@Test
	void pathsClimbingOutOfARouteShouldBeRefused() {
		for (String path : new String[] { "/api/catalog/..%2F..%2Finternal/consistency",
				"/api/catalog/%2e%2e/%2e%2e/internal/consistency", "/api/catalog//internal",
				"/api/catalog/%5c..%5c..%5cinternal/consistency", "/api/catalog/products/%252e%252e",
				"/api/catalog/products/TEA-001%00" }) {
			expectProblem(client().get().uri(TestClients.exactly(this.port, path)).exchange(), 400);
		}
		assertThat(catalogRequests(anyRequestedFor(anyUrl()).withUrl("/api/catalog/products"))).isZero();
	}

	@Test
	void pathParametersShouldBeRefusedLikeDotSegmentsAndNeverReachABackend() {
		for (String path : new String[] { "/api/catalog/products/..;/..;/..;/internal/consistency",
				"/api/catalog/products;jsessionid=1/TEA-001", "/api/catalog/products/..%3B/internal/consistency" }) {
			client().get()
				.uri(TestClients.exactly(this.port, path))
				.exchange()
				.expectStatus()
				.isEqualTo(400)
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Malformed path");
		}
		assertThat(catalogRequests(anyRequestedFor(urlMatching("/(api|internal)/.*")))).isZero();
	}

	private static int catalogRequests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
		return Backends.count(Backends.INVENTORY_A, pattern) + Backends.count(Backends.INVENTORY_B, pattern);
	}

	private static void stubCatalog() {
		for (var server : new com.github.tomakehurst.wiremock.WireMockServer[] { Backends.INVENTORY_A,
				Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/products"))
				.willReturn(okJson("{\"items\":[{\"id\":\"TEA-001\"}]}")));
		}
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
