package io.statewise.testkit;

import com.redis.testcontainers.RedisContainer;
import io.statewise.embedded.HostPort;
import io.statewise.embedded.PostgresServer;
import io.statewise.embedded.RedisEndpoint;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The opt-in Docker backend: the same databases in a {@code postgres} container and a
 * single {@code redis} container. A standalone Redis has no Sentinel, so tests that fail
 * over Redis use the embedded topology directly; everything else runs unchanged.
 */
final class ContainerDatastores implements SharedDatastores.AutoCloseableDatastores {

	private final PostgreSQLContainer postgres;

	private final RedisContainer redis;

	private ContainerDatastores(PostgreSQLContainer postgres, RedisContainer redis) {
		this.postgres = postgres;
		this.redis = redis;
	}

	static ContainerDatastores start() {
		PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17.7-bookworm"));
		RedisContainer redis = new RedisContainer(DockerImageName.parse("redis:8.2.2-bookworm"));
		postgres.start();
		redis.start();
		PostgresServer.createDatabases(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
		return new ContainerDatastores(postgres, redis);
	}

	@Override
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.postgres.getHost() + ":"
				+ this.postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
	}

	@Override
	public String username() {
		return this.postgres.getUsername();
	}

	@Override
	public String password() {
		return this.postgres.getPassword();
	}

	@Override
	public RedisEndpoint redis() {
		return new RedisEndpoint.Standalone(new HostPort(this.redis.getRedisHost(), this.redis.getRedisPort()));
	}

	@Override
	public void close() {
		this.redis.stop();
		this.postgres.stop();
	}

}
