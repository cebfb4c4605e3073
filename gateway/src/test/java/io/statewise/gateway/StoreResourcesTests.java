package io.statewise.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web store's static files, served by the gateway beside its routes: {@code /} is the
 * store's page; every file is revalidated by content (no-cache and an ETag from its
 * bytes, never the build's fixed timestamp) under the same security headers as the API;
 * the files are only read, and unknown paths stay problems.
 */
@GatewayTest
class StoreResourcesTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void rootShouldBeTheStorePageUnderTheContentSecurityPolicy() {
		ResponseSpec response = client().get().uri("/").exchange();

		response.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Type", (type) -> assertThat(type).startsWith("text/html"))
			.expectHeader()
			.value("Content-Security-Policy", (policy) -> assertThat(policy).contains("script-src 'self'"))
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<script type=\"module\" src=\"/js/app.js\"></script>"));
	}

	@Test
	void filesShouldBeRevalidatedByAContentEtagAndAnswerNotModified() {
		HttpHeaders first = headers(client().get().uri("/js/app.js").exchange());
		String etag = first.getFirst(HttpHeaders.ETAG);

		ResponseSpec again = client().get().uri("/js/app.js").header(HttpHeaders.IF_NONE_MATCH, etag).exchange();

		assertThat(first.getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-cache");
		assertThat(first.getFirst(HttpHeaders.CONTENT_TYPE)).startsWith("text/javascript");
		assertThat(first.getFirst(HttpHeaders.LAST_MODIFIED)).isNull();
		assertThat(etag).isNotBlank()
			.isNotEqualTo(headers(client().get().uri("/js/api.js").exchange()).getFirst(HttpHeaders.ETAG));
		again.expectStatus().isNotModified();
	}

	@Test
	void filesShouldBeReadOnlyAndUnknownPathsProblems() {
		ResponseSpec write = Gateway.post(client(), "/index.html", "{}")
			.header("Origin", "http://127.0.0.1:" + this.port)
			.exchange();
		ResponseSpec unknown = client().get().uri("/no-such-page.html").exchange();

		write.expectStatus().isEqualTo(405);
		expectProblem(unknown, 404);
	}

	private static HttpHeaders headers(ResponseSpec response) {
		return response.expectBody().returnResult().getResponseHeaders();
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
