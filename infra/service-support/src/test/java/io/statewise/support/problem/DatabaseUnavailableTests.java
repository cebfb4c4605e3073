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
	void aCommitTheServerBrokeOffShouldLeaveTheOutcomeUnknown() {
		TransactionSystemException commit = new TransactionSystemException("JDBC commit failed");
		commit.initCause(new SQLException("terminating connection", "57P01"));
		assertThat(DatabaseUnavailable.commitOutcomeUnknown(commit)).isTrue();
	}

	@Test
	void theFailedRollbackJdbcTransactionManagerRunsAfterABrokenOffCommitShouldMeanUnavailableOutcomeUnknown() {
		// HikariCP closed the connection when the commit failed with 57P01; Spring logs
		// the
		// commit's failure and throws this
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		assertThat(DatabaseUnavailable.is(rollback)).isTrue();
		assertThat(DatabaseUnavailable.commitOutcomeUnknown(rollback)).isTrue();
	}

	@Test
	void aFailedRollbackAfterAStatementLostTheDatabaseShouldMeanNothingWasCommitted() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		rollback.initApplicationException(
				new DataAccessResourceFailureException("insert", new SQLException("terminating connection", "57P01")));
		assertThat(DatabaseUnavailable.is(rollback)).isTrue();
		assertThat(DatabaseUnavailable.commitOutcomeUnknown(rollback)).isFalse();
	}

	@Test
	void aStatementThatLostTheDatabaseShouldMeanNothingWasCommitted() {
		assertThat(DatabaseUnavailable.commitOutcomeUnknown(
				new DataAccessResourceFailureException("insert", new SQLException("terminating connection", "57P01"))))
			.isFalse();
	}

	@Test
	void aTransactionFailureWithoutALostConnectionShouldNotMeanUnavailable() {
		TransactionSystemException commit = new TransactionSystemException("JDBC commit failed",
				new SQLException("something else, no SQLState"));
		assertThat(DatabaseUnavailable.is(commit)).isFalse();
		assertThat(DatabaseUnavailable.commitOutcomeUnknown(commit)).isFalse();
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
