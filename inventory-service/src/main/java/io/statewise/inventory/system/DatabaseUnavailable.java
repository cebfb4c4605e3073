package io.statewise.inventory.system;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Whether an exception means "PostgreSQL cannot be reached now", as opposed to a bug. */
public final class DatabaseUnavailable {

	private DatabaseUnavailable() {
	}

	public static boolean is(Throwable ex) {
		return ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException
				|| ex instanceof QueryTimeoutException || ex instanceof CannotCreateTransactionException;
	}

}
