package io.statewise.inventory.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * @param freshFor how long a cached catalog answer is served without asking PostgreSQL
 * @param keepFor how long it is kept to be served stale while PostgreSQL is unreachable
 * @param serveStale {@code false}: strict, never serve an answer older than
 * {@code fresh-for}; while PostgreSQL is unreachable such reads answer {@code 503} as
 * orders do (CP instead of AP). On by default; off to measure what stale-if-error buys
 * (the lab's E4, docs/lab.md)
 */
@ConfigurationProperties("statewise.catalog.cache")
@Validated
record CatalogCacheProperties(@DefaultValue("30s") @DurationMin(millis = 0) Duration freshFor,
		@DefaultValue("24h") @DurationMin(millis = 0) Duration keepFor, @DefaultValue("true") boolean serveStale) {

}
