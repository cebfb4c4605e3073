package io.statewise.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web store's static files, served by the whole gateway beside its routes: {@code /}
 * is the store's page under the same security headers as the API, the files are only
 * read, and unknown paths stay problems. How each file is cached and revalidated is the
 * slice's part ({@code store.StoreResourcesWebTests}).
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
	void filesShouldBeReadOnlyAndUnknownPathsProblems() {
		ResponseSpec write = Gateway.post(client(), "/index.html", "{}")
			.header("Origin", "http://127.0.0.1:" + this.port)
			.exchange();
		ResponseSpec unknown = client().get().uri("/no-such-page.html").exchange();

		write.expectStatus().isEqualTo(405);
		expectProblem(unknown, 404);
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
