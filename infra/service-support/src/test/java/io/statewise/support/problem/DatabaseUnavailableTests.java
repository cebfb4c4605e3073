package io.statewise.support.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseUnavailableTests {

	@Test
	void noConnectionFromThePoolShouldMeanUnavailable() {
		assertThat(DatabaseUnavailable.is(new DataAccessResourceFailureException("no connection",
				new SQLTransientConnectionException("pool timed out"))))
			.isTrue();
	}

	@Test
	void commitOnAConnectionTheServerClosedShouldMeanUnavailable() {
		TransactionSystemException commit = new TransactionSystemException("commit failed");
		commit.initCause(new SQLException("terminating connection", "57P01"));
		assertThat(DatabaseUnavailable.is(commit)).isTrue();
	}

	@Test
	void redisAwayShouldNotBeMistakenForTheDatabase() {
		assertThat(DatabaseUnavailable.is(new RedisConnectionFailureException("no Redis"))).isFalse();
	}

	@Test
	void constraintViolationShouldNotMeanUnavailable() {
		assertThat(DatabaseUnavailable
			.is(new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
			.isFalse();
	}

}
