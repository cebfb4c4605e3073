package io.statewise.inventory.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * @param freshFor how long a cached catalog answer is served without asking PostgreSQL
 * @param keepFor how long it is kept to be served stale while PostgreSQL is unreachable
 */
@ConfigurationProperties("statewise.catalog.cache")
@Validated
record CatalogCacheProperties(@DefaultValue("30s") @DurationMin(millis = 0) Duration freshFor,
		@DefaultValue("24h") @DurationMin(millis = 0) Duration keepFor) {

}
