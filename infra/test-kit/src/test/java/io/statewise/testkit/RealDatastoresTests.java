package io.statewise.testkit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(
		properties = { "spring.datasource.url=jdbc:postgresql://nowhere:1/wrong", "spring.data.redis.host=nowhere" })
@RealDatastores(database = "orders")
class RealDatastoresTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	RedisConnectionFactory redisConnectionFactory;

	@Test
	void dataSourceShouldPointAtTheRequestedDatabaseWhateverThePropertiesSay() {
		String database = this.jdbc.sql("SELECT current_database()").query(String.class).single();
		assertThat(database).isEqualTo("orders");
	}

	@Test
	void redisShouldBeReachedThroughSentinel() {
		this.redis.opsForValue().set("real-datastores", "yes");
		assertThat(this.redis.opsForValue().get("real-datastores")).isEqualTo("yes");
		assertThat(((LettuceConnectionFactory) this.redisConnectionFactory).getSentinelConfiguration()).isNotNull();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
