package io.statewise.session.system;

import java.util.Properties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Which Redis node this instance writes to and its role, as the ops panel shows it: after
 * a failover the address changes and the role must still be {@code master}.
 */
@Component("redisRole")
class RedisRoleHealthIndicator implements HealthIndicator {

	private final RedisConnectionFactory redis;

	RedisRoleHealthIndicator(RedisConnectionFactory redis) {
		this.redis = redis;
	}

	@Override
	public Health health() {
		try (RedisConnection connection = this.redis.getConnection()) {
			Properties replication = connection.serverCommands().info("replication");
			Properties server = connection.serverCommands().info("server");
			String role = (replication != null) ? replication.getProperty("role", "unknown") : "unknown";
			return ("master".equals(role) ? Health.up() : Health.down()).withDetail("role", role)
				.withDetail("port", (server != null) ? server.getProperty("tcp_port", "?") : "?")
				.withDetail("connectedReplicas",
						(replication != null) ? replication.getProperty("connected_slaves", "0") : "0")
				.build();
		}
		catch (RuntimeException ex) {
			return Health.down(ex).build();
		}
	}

}
