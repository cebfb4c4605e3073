package io.statewise.support.problem;

import java.sql.SQLException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether an exception means "PostgreSQL cannot be reached now", as opposed to a bug, or
 * to Redis being away (Redis failures are data-access exceptions too, but carry no
 * {@link SQLException}).
 */
public final class DatabaseUnavailable {

	private DatabaseUnavailable() {
	}

	public static boolean is(Throwable ex) {
		if (ex instanceof TransactionSystemException failed && failed.getApplicationException() != null
				&& is(failed.getApplicationException())) {
			// the rollback of a transaction that failed because the database went away
			// fails too, and hides the first failure
			return true;
		}
		return causedBy(ex, SQLException.class)
				&& (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
						|| ex instanceof QueryTimeoutException || ex instanceof CannotCreateTransactionException
						|| (ex instanceof TransactionSystemException && connectionLost(ex)));
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A commit or rollback on a connection the server closed (SQLSTATE class 08, or 57P
	 * for an administrator's or crash shutdown): nothing was committed.
	 */
	private static boolean connectionLost(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}

}
