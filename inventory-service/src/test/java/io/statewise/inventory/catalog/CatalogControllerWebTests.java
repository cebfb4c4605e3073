package io.statewise.inventory.catalog;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.statewise.inventory.catalog.Served.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The catalog API's web mapping alone (a {@code @WebMvcTest} slice: no server, no
 * database, no Redis, the catalog mocked): how an answer says where it came from and how
 * old it is ({@code Age}, {@code Cache-Status} of RFC 9211, {@code stale} in the body),
 * its ETag, and the search parameters refused before the catalog is asked. Where the
 * answers come from, and the outages that make them stale, are tested against the real
 * PostgreSQL and Redis ({@code CatalogTests}, {@code PostgresOutageTests}).
 */
@WebMvcTest(CatalogController.class)
class CatalogControllerWebTests {

	private static final Product TEA = new Product("TEA-001", "Green tea", "Sencha, 100 g", "tea",
			new Money(650, "EUR"), "tea-001.svg");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	CatalogService catalog;

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "DATABASE    | 0  | statewise-catalog; fwd=miss; stored | false",
					"CACHE       | 3  | statewise-catalog; hit                          | false",
					"STALE_CACHE | 14 | statewise-catalog; hit; fwd=stale; detail=stale-if-error; ttl=-14 | true" })
	void everyAnswerShouldSayWhereItCameFromAndHowOldItIs(Source source, long age, String cacheStatus, boolean stale) {
		Instant asOf = Instant.parse("2026-12-03T06:00:00Z");
		given(this.catalog.product("TEA-001"))
			.willReturn(Optional.of(new Served<>(TEA, source, Duration.ofSeconds(age), asOf)));
		MvcTestResult result = this.mvc.get().uri("/api/catalog/products/TEA-001").exchange();
		assertThat(result).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.headers()
			.hasSingleValue("Age", age)
			.hasSingleValue("Cache-Status", cacheStatus)
			.containsHeader("ETag");
		assertThat(result).bodyJson().extractingPath("$.id").isEqualTo("TEA-001");
		assertThat(result).bodyJson().extractingPath("$.price.amountMinor").isEqualTo(650);
		assertThat(result).bodyJson().extractingPath("$.stale").isEqualTo(stale);
		assertThat(result).bodyJson().extractingPath("$.asOf").isEqualTo("2026-12-03T06:00:00Z");
		assertThat(result).bodyJson().doesNotHavePath("$.source").doesNotHavePath("$.age").doesNotHavePath("$.value");
	}

	@Test
	void theSameAnswerAskedWithItsETagShouldBeNotModified() {
		given(this.catalog.product("TEA-001"))
			.willReturn(Optional.of(new Served<>(TEA, Source.CACHE, Duration.ZERO, Instant.now())));
		MvcTestResult first = this.mvc.get().uri("/api/catalog/products/TEA-001").exchange();
		String etag = first.getResponse().getHeader("ETag");
		assertThat(etag).isNotBlank();
		assertThat(this.mvc.get().uri("/api/catalog/products/TEA-001").header("If-None-Match", etag)).hasStatus(304);
	}

	@Test
	void anUnknownProductShouldBeTheUnknownProductProblem() {
		given(this.catalog.product("NOPE-001")).willReturn(Optional.empty());
		MvcTestResult result = this.mvc.get().uri("/api/catalog/products/NOPE-001").exchange();
		assertThat(result).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Unknown product");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/api/catalog/products/NOPE-001");
	}

	@ParameterizedTest
	@CsvSource({ "/api/catalog/products?q=tea%00", "/api/catalog/products?sort=stock", "/api/catalog/products?size=101",
			"/api/catalog/products?page=-1", "/api/catalog/products?category=Tea", "/api/catalog/products/tea-001" })
	void aMalformedQueryShouldBeAnInvalidRequestBeforeTheCatalogIsAsked(String uri) {
		MvcTestResult result = this.mvc.get().uri(URI.create(uri)).exchange();
		assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
		verifyNoInteractions(this.catalog);
	}

}
