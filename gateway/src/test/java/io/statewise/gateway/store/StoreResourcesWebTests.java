package io.statewise.gateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the store's files are served, alone (a {@code @WebFluxTest} slice: Boot's resource
 * handling with {@link StoreResources}, no routes, no Redis, no backends): {@code /} is
 * {@code index.html}, every file is {@code no-cache} with an ETag from its bytes and
 * never a {@code Last-Modified}, and a revalidation with that ETag is a {@code 304}. What
 * the whole gateway adds (security headers, problems for unknown paths, read-only files)
 * is {@code StoreResourcesTests}' part.
 */
@WebFluxTest(useDefaultFilters = false)
@Import(StoreResources.class)
class StoreResourcesWebTests {

	@Autowired
	WebTestClient client;

	@Test
	void rootShouldBeTheStorePageRevalidatedByItsContent() throws Exception {
		String etag = quoted(sha256Prefix("static/index.html"));

		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(CacheControl.noCache())
			.expectHeader()
			.valueEquals("ETag", etag)
			.expectHeader()
			.doesNotExist("Last-Modified")
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("<script type=\"module\" src=\"/js/app.js\"></script>"));
		this.client.head().uri("/").exchange().expectStatus().isOk().expectHeader().valueEquals("ETag", etag);
	}

	@Test
	void aFileShouldCarryTheHashOfItsBytesAndAnswerNotModifiedToIt() throws Exception {
		String etag = quoted(sha256Prefix("static/js/app.js"));

		this.client.get()
			.uri("/js/app.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript")
			.expectHeader()
			.cacheControl(CacheControl.noCache())
			.expectHeader()
			.valueEquals("ETag", etag)
			.expectHeader()
			.doesNotExist("Last-Modified");
		this.client.get()
			.uri("/js/app.js")
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectBody()
			.isEmpty();
		this.client.get()
			.uri("/js/api.js")
			.header("If-None-Match", etag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("ETag", quoted(sha256Prefix("static/js/api.js")));
	}

	/** The first 12 bytes of the file's SHA-256, in hex: what a changed byte changes. */
	private static String sha256Prefix(String path) throws IOException, NoSuchAlgorithmException {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
			return HexFormat.of().formatHex(digest, 0, 12);
		}
	}

	private static String quoted(String etag) {
		return "\"" + etag + "\"";
	}

}
