package io.statewise.support.problem;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether an exception means "PostgreSQL cannot be reached now", as opposed to a bug, or
 * to Redis being away (Redis failures are data-access exceptions too, but carry no
 * {@link SQLException}); and whether a change may have been applied all the same.
 */
public final class DatabaseUnavailable {

	/**
	 * What HikariCP's proxy throws once the pool has swapped a connection it saw break
	 * for a closed stub: no SQLState, only this message.
	 */
	private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

	private DatabaseUnavailable() {
	}

	public static boolean is(Throwable ex) {
		if (ex instanceof TransactionSystemException failed && failed.getApplicationException() != null
				&& is(failed.getApplicationException())) {
			// the rollback of a transaction that failed because the database went away
			// fails too, and hides the first failure
			return true;
		}
		return ex instanceof NestedRuntimeException nested && nested.contains(SQLException.class)
				&& (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
						|| ex instanceof QueryTimeoutException || ex instanceof CannotCreateTransactionException
						|| (ex instanceof TransactionSystemException && connectionLost(ex)));
	}

	/**
	 * Whether the database went away while a transaction was being completed: its commit
	 * was sent, or was about to be, when the connection broke, so the change may have
	 * been applied or not, and only reading it back tells. A transaction-completion
	 * failure without an application exception is either the commit's own
	 * ({@code DataSourceTransactionManager}) or that of the rollback Spring runs after a
	 * failed commit ({@code JdbcTransactionManager}, which logs the commit's failure and
	 * throws the rollback's). A failed statement, or a rollback after one, leaves nothing
	 * committed: the server aborts a transaction whose connection it loses.
	 */
	public static boolean commitOutcomeUnknown(Throwable ex) {
		return ex instanceof TransactionSystemException failed && failed.getApplicationException() == null
				&& is(failed);
	}

	/**
	 * A commit or rollback on a connection the server closed: SQLSTATE class 08, or 57P
	 * for an administrator's or crash shutdown. Or on a connection the pool closed after
	 * seeing one of those: HikariCP marks such a connection broken and closes it, so the
	 * rollback {@code JdbcTransactionManager} runs after a failed commit fails with the
	 * pool's "closed" error, which has no SQLState, and the commit's own failure (57P01,
	 * 08006) is only logged.
	 */
	private static boolean connectionLost(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && (lostConnectionState(sql.getSQLState())
					|| (sql.getSQLState() == null && POOL_CLOSED_CONNECTION.equals(sql.getMessage())))) {
				return true;
			}
		}
		return false;
	}

	private static boolean lostConnectionState(@Nullable String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

}
