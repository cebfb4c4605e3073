package io.statewise.inventory.catalog;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A catalog answer and how fresh it is. Serialized as the value's own fields plus
 * {@code stale} and {@code asOf}, so a browser can badge a stale catalog.
 */
record Served<T>(@JsonUnwrapped T value, @JsonIgnore Source source, @JsonIgnore Duration age, Instant asOf) {

	enum Source {

		/** read from PostgreSQL just now (and stored) */
		DATABASE,
		/** from the cache, younger than {@code fresh-for} */
		CACHE,
		/**
		 * from the cache, older than {@code fresh-for}, because PostgreSQL is unreachable
		 */
		STALE_CACHE

	}

	@JsonProperty("stale")
	public boolean stale() {
		return this.source == Source.STALE_CACHE;
	}

}
