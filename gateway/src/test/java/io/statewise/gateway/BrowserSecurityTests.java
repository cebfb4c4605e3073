package io.statewise.gateway;

import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

@GatewayTest
class BrowserSecurityTests {

	private static final String RESTOCK = "/api/catalog/products/TEA-001/restock";

	@Value("${local.server.port}")
	int port;

	@Test
	void everyResponseShouldCarrySecurityHeadersWhetherRoutedOrAnError() {
		stubInventory();
		for (HttpResponse<String> response : new HttpResponse[] { http().get("/api/catalog/categories"),
				http().get("/no-such-route") }) {
			assertThat(Http.header(response, "Content-Security-Policy")).contains("frame-ancestors 'none'")
				.contains("script-src 'self'")
				.doesNotContain("unsafe-inline");
			assertThat(Http.header(response, "X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(Http.header(response, "Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
			assertThat(Http.header(response, "X-Frame-Options")).isEqualTo("DENY");
		}
	}

	@Test
	void crossSiteStateChangingRequestsShouldBeRefusedBeforeReachingABackend() {
		String session = Backends.loggedIn("root", "admin");
		HttpResponse<String> foreignOrigin = http().post(RESTOCK, "{\"quantity\":1}", "Cookie", "SESSION=" + session,
				"Origin", "https://evil.example");
		HttpResponse<String> crossSite = http().post(RESTOCK, "{\"quantity\":1}", "Cookie", "SESSION=" + session,
				"Sec-Fetch-Site", "cross-site");
		assertThat(foreignOrigin.statusCode()).isEqualTo(403);
		assertThat(crossSite.statusCode()).isEqualTo(403);
		assertThat(Http.isProblem(foreignOrigin)).isTrue();
		assertThat(inventoryRequests()).isZero();
	}

	@Test
	void sameOriginStateChangingRequestsShouldPass() {
		stubInventory();
		String session = Backends.loggedIn("root", "admin");
		HttpResponse<String> response = http().post(RESTOCK, "{\"quantity\":1}", "Cookie", "SESSION=" + session,
				"Origin", "http://127.0.0.1:" + this.port, "Sec-Fetch-Site", "same-origin");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void unusedMethodsShouldAnswerMethodNotAllowed() {
		HttpResponse<String> response = http().send("TRACE", "/api/catalog/categories", null);
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(Http.isProblem(response)).isTrue();
		assertThat(Http.header(response, "Allow")).contains("GET");
	}

	@Test
	void oversizedBodiesShouldAnswerContentTooLarge() {
		String session = Backends.loggedIn("root", "admin");
		String body = "{\"quantity\":1,\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
		HttpResponse<String> response = http().post(RESTOCK, body, "Cookie", "SESSION=" + session);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Http.isProblem(response)).isTrue();
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

	private Http http() {
		return new Http(this.port);
	}

}
