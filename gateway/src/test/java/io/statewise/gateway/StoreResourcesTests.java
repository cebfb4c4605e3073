package io.statewise.gateway;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

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
		HttpResponse<String> response = http().get("/");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Http.header(response, "Content-Type")).startsWith("text/html");
		assertThat(response.body()).contains("<script type=\"module\" src=\"/js/app.js\"></script>");
		assertThat(Http.header(response, "Content-Security-Policy")).contains("script-src 'self'");
	}

	@Test
	void filesShouldBeRevalidatedByAContentEtagAndAnswerNotModified() {
		HttpResponse<String> first = http().get("/js/app.js");
		String etag = Http.header(first, "ETag");

		HttpResponse<String> again = http().get("/js/app.js", "If-None-Match", etag);

		assertThat(Http.header(first, "Cache-Control")).isEqualTo("no-cache");
		assertThat(Http.header(first, "Content-Type")).startsWith("text/javascript");
		assertThat(Http.header(first, "Last-Modified")).isNull();
		assertThat(etag).isNotBlank().isNotEqualTo(Http.header(http().get("/js/api.js"), "ETag"));
		assertThat(again.statusCode()).isEqualTo(304);
	}

	@Test
	void filesShouldBeReadOnlyAndUnknownPathsProblems() {
		HttpResponse<String> write = http().post("/index.html", "{}", "Origin", "http://127.0.0.1:" + this.port);
		HttpResponse<String> unknown = http().get("/no-such-page.html");

		assertThat(write.statusCode()).isEqualTo(405);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(Http.isProblem(unknown)).isTrue();
	}

	private Http http() {
		return new Http(this.port);
	}

}
