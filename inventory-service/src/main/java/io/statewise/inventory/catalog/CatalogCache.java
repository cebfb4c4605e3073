package io.statewise.inventory.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.inventory.catalog.Served.Source;
import io.statewise.support.problem.DatabaseUnavailable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Catalog reads through Redis with <em>stale-if-error</em>: an entry younger than
 * {@code fresh-for} is served as is; an older one is refreshed from PostgreSQL, and
 * served stale (up to {@code keep-for}) only when PostgreSQL cannot be reached.
 * Hand-written because Spring's cache abstraction has no stale-if-error: an expired
 * {@code @Cacheable} entry is gone, and with it the answer we need when the database is
 * down. A Redis outage only costs the cache: reads go to PostgreSQL. With
 * {@code serve-stale} off (strict) an entry past {@code fresh-for} is never served.
 */
@Component
class CatalogCache {

	private static final Logger logger = LoggerFactory.getLogger(CatalogCache.class);

	private static final String PREFIX = "catalog:v1:";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final CatalogCacheProperties properties;

	private final MeterRegistry meters;

	CatalogCache(StringRedisTemplate redis, JsonMapper json, CatalogCacheProperties properties, MeterRegistry meters) {
		this.redis = redis;
		this.json = json;
		this.properties = properties;
		this.meters = meters;
	}

	<T> Served<T> get(String key, Class<T> type, Supplier<T> database) {
		// millisecond precision, as stored: a fresh and a cached answer must have equal
		// bodies (and ETags)
		Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		Entry<T> cached = read(key, type);
		if (cached != null && cached.age(now).compareTo(this.properties.freshFor()) < 0) {
			return served(cached, Source.CACHE, now);
		}
		T loaded;
		try {
			loaded = database.get();
		}
		catch (RuntimeException ex) {
			if (cached == null || !this.properties.serveStale() || !DatabaseUnavailable.is(ex)) {
				throw ex;
			}
			logger.warn("PostgreSQL unreachable ({}); serving {} stale, {} old", ex.getClass().getSimpleName(), key,
					cached.age(now));
			return served(cached, Source.STALE_CACHE, now);
		}
		write(key, loaded, now);
		count("miss");
		return new Served<>(loaded, Source.DATABASE, Duration.ZERO, now);
	}

	private <T> Served<T> served(Entry<T> entry, Source source, Instant now) {
		count(source == Source.CACHE ? "hit" : "stale");
		return new Served<>(entry.value(), source, entry.age(now), entry.cachedAt());
	}

	private <T> @Nullable Entry<T> read(String key, Class<T> type) {
		try {
			String stored = this.redis.opsForValue().get(PREFIX + key);
			if (stored == null) {
				return null;
			}
			int separator = stored.indexOf('|');
			return new Entry<>(this.json.readValue(stored.substring(separator + 1), type),
					Instant.ofEpochMilli(Long.parseLong(stored.substring(0, separator))));
		}
		catch (RuntimeException ex) {
			// Redis unreachable, or an entry written by another version: treat as a miss
			cacheError("read", key, ex);
			return null;
		}
	}

	private void write(String key, Object value, Instant now) {
		try {
			this.redis.opsForValue()
				.set(PREFIX + key, now.toEpochMilli() + "|" + this.json.writeValueAsString(value),
						this.properties.keepFor());
		}
		catch (DataAccessException ex) {
			cacheError("write", key, ex);
		}
	}

	private void cacheError(String operation, String key, RuntimeException ex) {
		count("error");
		logger.debug("Catalog cache {} of {} failed: {}", operation, key, ex.toString());
	}

	private void count(String result) {
		this.meters.counter("statewise.catalog.cache", "result", result).increment();
	}

	private record Entry<T>(T value, Instant cachedAt) {

		Duration age(Instant now) {
			return Duration.between(this.cachedAt, now);
		}

	}

}
