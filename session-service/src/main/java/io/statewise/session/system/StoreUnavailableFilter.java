package io.statewise.session.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.statewise.session.store.ReplicaAcknowledgement.ReplicaUnavailableException;
import io.statewise.session.store.SessionWriteRefusedException;
import io.statewise.support.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

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

	private final JsonMapper json;

	StoreUnavailableFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			ProblemDetail problem = problem(ex);
			if (problem == null || response.isCommitted()) {
				throw ex;
			}
			ProblemTypes.complete(problem, request.getRequestURI());
			response.resetBuffer();
			response.setStatus(problem.getStatus());
			if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, "1");
			}
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
		}
	}

	private static @Nullable ProblemDetail problem(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SessionWriteRefusedException refused) {
				boolean late = refused.reason() == SessionWriteRefusedException.Reason.LATE;
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(
						late ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT, refused.getMessage());
				problem.setTitle(late ? "Too late" : "Session changed");
				return problem;
			}
		}
		Throwable unavailable = storeUnavailable(ex);
		if (unavailable == null) {
			return null;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Sessions cannot be read or saved right now (" + unavailable.getClass().getSimpleName()
						+ "); nothing was acknowledged. Retry shortly.");
		problem.setTitle("Session store unavailable");
		return problem;
	}

	private static @Nullable Throwable storeUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof ReplicaUnavailableException) {
				return cause;
			}
		}
		return null;
	}

}
