package io.statewise.inventory.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param freshFor how long a cached catalog answer is served without asking PostgreSQL
 * @param keepFor how long it is kept to be served stale while PostgreSQL is unreachable
 */
@ConfigurationProperties("statewise.catalog.cache")
record CatalogCacheProperties(@DefaultValue("30s") Duration freshFor, @DefaultValue("24h") Duration keepFor) {

}
