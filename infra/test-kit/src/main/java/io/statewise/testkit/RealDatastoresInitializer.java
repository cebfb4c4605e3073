package io.statewise.testkit;

import java.util.List;

import io.statewise.embedded.HostPort;
import io.statewise.embedded.RedisEndpoint;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Registers connection-details beans for the shared datastores before the context
 * refreshes, so Spring Boot's DataSource and Redis auto-configuration use them instead of
 * any {@code spring.datasource.*} or {@code spring.data.redis.*} property.
 */
public record RealDatastoresInitializer(String database,
		boolean redis) implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final boolean JDBC_PRESENT = isPresent(
			"org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails");

	private static final boolean REDIS_PRESENT = isPresent(
			"org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails");

	/** For a context started by hand, e.g. a second instance of a service in one test. */
	public static RealDatastoresInitializer forDatabase(String database) {
		return new RealDatastoresInitializer(database, true);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Datastores datastores = Datastores.shared();
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (!this.database.isEmpty()) {
			if (!JDBC_PRESENT) {
				throw new IllegalStateException("@RealDatastores(database = \"" + this.database
						+ "\") needs spring-boot-jdbc on the test classpath");
			}
			beanFactory.registerSingleton("realDatastoresJdbcConnectionDetails",
					Jdbc.connectionDetails(datastores, this.database));
		}
		if (this.redis && REDIS_PRESENT) {
			beanFactory.registerSingleton("realDatastoresRedisConnectionDetails", Redis.connectionDetails(datastores));
		}
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, RealDatastoresInitializer.class.getClassLoader());
	}

	/** Kept apart so this class loads in modules without spring-boot-jdbc. */
	private static final class Jdbc {

		static JdbcConnectionDetails connectionDetails(Datastores datastores, String database) {
			String url = datastores.jdbcUrl(database);
			String username = datastores.username();
			String password = datastores.password();
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return username;
				}

				@Override
				public String getPassword() {
					return password;
				}

				@Override
				public String getJdbcUrl() {
					return url;
				}

			};
		}

	}

	/** Kept apart so this class loads in modules without spring-boot-data-redis. */
	private static final class Redis {

		static DataRedisConnectionDetails connectionDetails(Datastores datastores) {
			RedisEndpoint endpoint = datastores.redis();
			if (endpoint instanceof RedisEndpoint.Sentinel sentinel) {
				return new SentinelDetails(sentinel);
			}
			HostPort node = ((RedisEndpoint.Standalone) endpoint).node();
			return new DataRedisConnectionDetails() {

				@Override
				public Standalone getStandalone() {
					return Standalone.of(node.host(), node.port());
				}

			};
		}

	}

	private record SentinelDetails(RedisEndpoint.Sentinel sentinel) implements DataRedisConnectionDetails {

		@Override
		public Sentinel getSentinel() {
			List<Node> nodes = this.sentinel.nodes()
				.stream()
				.map((node) -> new Node(node.host(), node.port()))
				.toList();
			String master = this.sentinel.master();
			return new Sentinel() {

				@Override
				public int getDatabase() {
					return 0;
				}

				@Override
				public String getMaster() {
					return master;
				}

				@Override
				public List<Node> getNodes() {
					return nodes;
				}

				@Override
				public @Nullable String getUsername() {
					return null;
				}

				@Override
				public @Nullable String getPassword() {
					return null;
				}

			};
		}

	}

}
