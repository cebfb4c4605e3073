package io.statewise.inventory.system;

import javax.sql.DataSource;

import java.sql.Connection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Readiness of an inventory instance: UP while it can serve the catalog at all, fresh
 * from PostgreSQL or stale from the Redis cache. See
 * docs/adr/0004-inventory-readiness.md.
 */
@Component("catalog")
class CatalogHealthIndicator implements HealthIndicator {

	private final DataSource dataSource;

	private final RedisConnectionFactory redis;

	CatalogHealthIndicator(DataSource dataSource, RedisConnectionFactory redis) {
		this.dataSource = dataSource;
		this.redis = redis;
	}

	@Override
	public Health health() {
		boolean database = databaseAnswers();
		boolean cache = cacheAnswers();
		Health.Builder health = (database || cache) ? Health.up() : Health.down();
		return health.withDetail("database", database ? "UP" : "DOWN")
			.withDetail("cache", cache ? "UP" : "DOWN")
			.withDetail("serving", database ? "fresh" : (cache ? "stale-if-error" : "nothing"))
			.build();
	}

	private boolean databaseAnswers() {
		try (Connection connection = this.dataSource.getConnection()) {
			return connection.isValid(1);
		}
		catch (Exception ex) {
			return false;
		}
	}

	private boolean cacheAnswers() {
		try (RedisConnection connection = this.redis.getConnection()) {
			return "PONG".equals(connection.ping());
		}
		catch (Exception ex) {
			return false;
		}
	}

}
