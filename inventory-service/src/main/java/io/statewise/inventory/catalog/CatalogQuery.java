package io.statewise.inventory.catalog;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A validated catalog search: text, category, page and a sort order the SQL can trust.
 */
record CatalogQuery(@Nullable String text, @Nullable String category, int page, int size, Sort sort) {

	/** The sort orders offered; each maps to a fixed SQL clause, never to user text. */
	enum Sort {

		NAME("name", "name ASC, id"), NAME_DESC("-name", "name DESC, id"), PRICE("price", "price_minor ASC, id"),
		PRICE_DESC("-price", "price_minor DESC, id");

		final String parameter;

		final String orderBy;

		Sort(String parameter, String orderBy) {
			this.parameter = parameter;
			this.orderBy = orderBy;
		}

		static @Nullable Sort of(String parameter) {
			return Arrays.stream(values()).filter((sort) -> sort.parameter.equals(parameter)).findFirst().orElse(null);
		}

	}

	/** A stable cache key: the same query always maps to the same entry. */
	String cacheKey() {
		return "products:q=" + ((this.text != null) ? this.text.toLowerCase() : "") + ":c="
				+ ((this.category != null) ? this.category : "") + ":p=" + this.page + ":s=" + this.size + ":o="
				+ this.sort.parameter;
	}

}
