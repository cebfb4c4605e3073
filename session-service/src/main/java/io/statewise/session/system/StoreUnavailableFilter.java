package io.statewise.session.system;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.statewise.session.store.ReplicaAcknowledgement.ReplicaUnavailableException;
import io.statewise.session.store.SessionWriteRefusedException;
import io.lettuce.core.RedisCommandExecutionException;
import io.statewise.support.problem.DatabaseUnavailable;
import io.statewise.support.problem.ProblemBodies;
import io.statewise.support.problem.ProblemException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns "the session store or the database cannot be reached" into 503 problem+json with
 * {@code Retry-After}, and a refused session write (docs/adr/0012) into 409 (the session
 * changed or ended) or 503 (the request's deadline passed), wherever it happens: Spring
 * Session loads and saves sessions in its own filter, outside Spring MVC's exception
 * handling, so this filter wraps it. During a Redis failover the browser gets an answer
 * it can retry instead of an error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreUnavailableFilter extends OncePerRequestFilter {

	/** What Redis answers while it is not (yet) the primary it was, or not ready. */
	private static final List<String> FAILOVER_ERRORS = List.of("READONLY", "LOADING", "MASTERDOWN", "NOREPLICAS",
			"TRYAGAIN", "BUSY");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			ProblemException problem = problem(ex);
			if (problem == null || response.isCommitted()) {
				throw ex;
			}
			ProblemBodies.write(request, response, problem);
		}
	}

	private static @Nullable ProblemException problem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SessionWriteRefusedException refused) {
				return (refused.reason() == SessionWriteRefusedException.Reason.LATE)
						? retryShortly(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Too late",
								String.valueOf(refused.getMessage())))
						: new ProblemException(HttpStatus.CONFLICT, "Session changed",
								String.valueOf(refused.getMessage()));
			}
		}
		Throwable unavailable = storeUnavailable(ex);
		if (unavailable == null) {
			return null;
		}
		return retryShortly(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Session store unavailable",
				"Sessions cannot be read or saved right now (" + unavailable.getClass().getSimpleName()
						+ "); nothing was acknowledged. Retry shortly."));
	}

	private static ProblemException retryShortly(ProblemException problem) {
		return problem.header(HttpHeaders.RETRY_AFTER, "1");
	}

	/**
	 * The cause that says a store cannot be reached, if any: PostgreSQL away (as
	 * {@link DatabaseUnavailable} tells it), a replica that did not acknowledge a durable
	 * write, or Redis unreachable, timing out, closing the connection, or refusing a
	 * command because of its role during a failover. Not: a command Redis ran and refused
	 * for any other reason ({@code WRONGTYPE}, a script error), nor an SQL error that is
	 * not about the connection; those are defects, answered {@code 500}, never "retry
	 * shortly".
	 */
	private static @Nullable Throwable storeUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof ReplicaUnavailableException || DatabaseUnavailable.is(cause)) {
				return cause;
			}
			if (cause instanceof DataAccessException access && !access.contains(SQLException.class)
					&& !refusedByRedis(cause)) {
				return cause;
			}
		}
		return null;
	}

	private static boolean refusedByRedis(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RedisCommandExecutionException refused) {
				// Redis 6 wraps an error raised inside a script: "ERR Error running
				// script ... -READONLY You can't write against a read only replica."
				String message = String.valueOf(refused.getMessage());
				return FAILOVER_ERRORS.stream().noneMatch(message::contains);
			}
		}
		return false;
	}

}
