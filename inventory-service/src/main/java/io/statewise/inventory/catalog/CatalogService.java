package io.statewise.inventory.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Catalog reads, each through the stale-if-error cache. */
@Service
class CatalogService {

	private final CatalogRepository repository;

	private final CatalogCache cache;

	CatalogService(CatalogRepository repository, CatalogCache cache) {
		this.repository = repository;
		this.cache = cache;
	}

	Served<ProductPage> products(CatalogQuery query) {
		return this.cache.get(query.cacheKey(), ProductPage.class, () -> this.repository.find(query));
	}

	/**
	 * Empty for an unknown product; "unknown" is cached too, so bad ids cost no query.
	 */
	Optional<Served<Product>> product(String id) {
		Served<ProductOrNone> served = this.cache.get("product:" + id, ProductOrNone.class,
				() -> new ProductOrNone(this.repository.findById(id).orElse(null)));
		return Optional.ofNullable(served.value().product())
			.map((product) -> new Served<>(product, served.source(), served.age(), served.asOf()));
	}

	Served<Categories> categories() {
		return this.cache.get("categories", Categories.class, () -> new Categories(this.repository.categories()));
	}

	/** The categories in display order. */
	record Categories(List<Category> items) {

	}

	/** Cached wrapper so that "no such product" is an answer, not a miss. */
	record ProductOrNone(@org.jspecify.annotations.Nullable Product product) {

	}

}
