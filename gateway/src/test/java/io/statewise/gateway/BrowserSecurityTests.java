package io.statewise.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.statewise.gateway.Gateway.RESTOCK;
import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class BrowserSecurityTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void everyResponseShouldCarrySecurityHeadersWhetherRoutedOrAnError() {
		stubInventory();
		for (String path : new String[] { "/api/catalog/categories", "/no-such-route" }) {
			client().get()
				.uri(path)
				.exchange()
				.expectHeader()
				.value("Content-Security-Policy",
						(policy) -> assertThat(policy).as(path)
							.contains("frame-ancestors 'none'")
							.contains("script-src 'self'")
							.doesNotContain("unsafe-inline"))
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
				.expectHeader()
				.valueEquals("X-Frame-Options", "DENY");
		}
	}

	@Test
	void crossSiteStateChangingRequestsShouldBeRefusedBeforeReachingABackend() {
		String session = Backends.loggedIn("root", "admin");
		ResponseSpec foreignOrigin = Gateway.restock(client(), "{\"quantity\":1}")
			.cookie("SESSION", session)
			.header("Origin", "https://evil.example")
			.exchange();
		ResponseSpec crossSite = Gateway.restock(client(), "{\"quantity\":1}")
			.cookie("SESSION", session)
			.header("Sec-Fetch-Site", "cross-site")
			.exchange();
		expectProblem(foreignOrigin, 403);
		expectProblem(crossSite, 403);
		assertThat(inventoryRequests()).isZero();
	}

	@Test
	void sameOriginStateChangingRequestsShouldPass() {
		stubInventory();
		String session = Backends.loggedIn("root", "admin");
		Gateway.restock(client(), "{\"quantity\":1}")
			.cookie("SESSION", session)
			.header("Origin", "http://127.0.0.1:" + this.port)
			.header("Sec-Fetch-Site", "same-origin")
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void unusedMethodsShouldAnswerMethodNotAllowed() {
		ResponseSpec response = client().method(HttpMethod.TRACE).uri("/api/catalog/categories").exchange();
		response.expectHeader().value("Allow", (allow) -> assertThat(allow).contains("GET"));
		expectProblem(response, 405);
	}

	@Test
	void oversizedBodiesShouldAnswerContentTooLarge() {
		String session = Backends.loggedIn("root", "admin");
		String body = "{\"quantity\":1,\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
		expectProblem(Gateway.restock(client(), body).cookie("SESSION", session).exchange(), 413);
		assertThat(inventoryRequests()).isZero();
	}

	private static void stubInventory() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("[]")));
			server.stubFor(post(urlPathEqualTo(RESTOCK)).willReturn(okJson("{}")));
		}
	}

	private static int inventoryRequests() {
		return Backends.count(Backends.INVENTORY_A, anyRequestedFor(anyUrl()).withUrl(RESTOCK))
				+ Backends.count(Backends.INVENTORY_B, anyRequestedFor(anyUrl()).withUrl(RESTOCK));
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
