package io.statewise.inventory.system;

import javax.sql.DataSource;

import java.sql.Connection;
import java.time.Duration;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Readiness of an inventory instance: UP while it can serve the catalog at all, fresh
 * from PostgreSQL or stale from the Redis cache. It reports what background checks last
 * saw and never waits on a datastore itself, so it answers in milliseconds whatever
 * PostgreSQL or Redis does. See docs/adr/0004-inventory-readiness-and-cap.md.
 */
@Component("catalog")
class CatalogHealthIndicator implements HealthIndicator, DisposableBean {

	/**
	 * Half the gateway's readiness interval: what it reads is at most this old, plus one
	 * check (1 s at worst with PostgreSQL down: Hikari's connection timeout).
	 */
	static final Duration CHECK_DELAY = Duration.ofMillis(500);

	private final BackgroundCheck database;

	private final BackgroundCheck cache;

	CatalogHealthIndicator(DataSource dataSource, RedisConnectionFactory redis) {
		this.database = new BackgroundCheck("database", () -> databaseAnswers(dataSource), CHECK_DELAY);
		this.cache = new BackgroundCheck("cache", () -> cacheAnswers(redis), CHECK_DELAY);
	}

	@Override
	public Health health() {
		boolean database = this.database.isUp();
		boolean cache = this.cache.isUp();
		Health.Builder health = (database || cache) ? Health.up() : Health.down();
		return health.withDetail("database", database ? "UP" : "DOWN")
			.withDetail("cache", cache ? "UP" : "DOWN")
			.withDetail("serving", database ? "fresh" : (cache ? "stale-if-error" : "nothing"))
			.withDetail("checkedAt",
					this.database.checkedAt().isBefore(this.cache.checkedAt()) ? this.database.checkedAt().toString()
							: this.cache.checkedAt().toString())
			.build();
	}

	private static boolean databaseAnswers(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.isValid(1);
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static boolean cacheAnswers(RedisConnectionFactory redis) {
		try (RedisConnection connection = redis.getConnection()) {
			return "PONG".equals(connection.ping());
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Override
	public void destroy() {
		this.database.close();
		this.cache.close();
	}

}
