package io.statewise.inventory.catalog;

import java.time.Duration;

import io.statewise.support.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public catalog API. Every answer says how fresh it is: {@code Age} and
 * {@code Cache-Status} (RFC 9211) headers, and {@code stale}/{@code asOf} in the body.
 * ETags come from Spring's {@code ShallowEtagHeaderFilter}. Search text may hold no
 * control characters: PostgreSQL refuses a NUL in text, which made such a search a 500.
 */
@RestController
@RequestMapping("/api/catalog")
@ApiResponse(responseCode = "304", description = "Not modified: If-None-Match named the current ETag")
@Validated
class CatalogController {

	static final String IMAGES_PATH = "/api/catalog/images/";

	private static final String CACHE_NAME = "statewise-catalog";

	private static final CacheControl CACHE_CONTROL = CacheControl.maxAge(Duration.ofSeconds(30))
		.cachePublic()
		.staleIfError(Duration.ofDays(1));

	private final CatalogService catalog;

	CatalogController(CatalogService catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/products")
	@Operation(summary = "Search and page the catalog")
	@ApiResponse(responseCode = "200",
			description = "One page of products; stale is true when served from the "
					+ "cache because PostgreSQL is unreachable",
			headers = { @Header(name = "Age"), @Header(name = "Cache-Status"), @Header(name = "ETag") })
	ResponseEntity<Served<ProductPage>> products(
			@RequestParam(name = "q", required = false) @Parameter(description = "Words in the name or description",
					example = "tea") @Size(max = 100) @Pattern(regexp = "[^\\p{Cc}\\p{Cs}]*",
							message = "must not contain control characters") @Nullable String text,
			@RequestParam(required = false) @Parameter(example = "tea") @Pattern(
					regexp = "[a-z0-9-]{1,40}") @Nullable String category,
			@RequestParam(defaultValue = "0") @Parameter(example = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "12") @Parameter(example = "12") @Min(1) @Max(100) int size,
			@RequestParam(defaultValue = "name") @Parameter(example = "-price") @Pattern(regexp = "-?(name|price)",
					message = "must be one of name, -name, price, -price") String sort) {
		CatalogQuery query = new CatalogQuery(blankToNull(text), category, page, size, CatalogQuery.Sort.of(sort));
		return respond(this.catalog.products(query));
	}

	@GetMapping("/products/{id}")
	@Operation(summary = "One product")
	@ApiResponse(responseCode = "200", description = "The product",
			headers = { @Header(name = "Age"), @Header(name = "Cache-Status"), @Header(name = "ETag") })
	@ApiResponse(responseCode = "404", description = "Unknown product")
	ResponseEntity<Served<Product>> product(
			@PathVariable @Parameter(example = "TEA-001") @Pattern(regexp = "[A-Z0-9-]{1,32}") String id) {
		return respond(this.catalog.product(id)
			.orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Unknown product",
					"No product with id '" + id + "'.")));
	}

	@GetMapping("/categories")
	@Operation(summary = "The categories, in display order")
	@ApiResponse(responseCode = "200", description = "The categories",
			headers = { @Header(name = "Age"), @Header(name = "Cache-Status"), @Header(name = "ETag") })
	ResponseEntity<Served<CatalogService.Categories>> categories() {
		return respond(this.catalog.categories());
	}

	private static <T> ResponseEntity<Served<T>> respond(Served<T> served) {
		return ResponseEntity.ok()
			.cacheControl(CACHE_CONTROL)
			.header("Age", String.valueOf(served.age().toSeconds()))
			.header("Cache-Status", cacheStatus(served))
			.body(served);
	}

	private static String cacheStatus(Served<?> served) {
		return switch (served.source()) {
			case DATABASE -> CACHE_NAME + "; fwd=miss; stored";
			case CACHE -> CACHE_NAME + "; hit";
			case STALE_CACHE ->
				CACHE_NAME + "; hit; fwd=stale; detail=stale-if-error; ttl=-" + served.age().toSeconds();
		};
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
