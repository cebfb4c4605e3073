package io.statewise.support.problem;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A business error with its problem+json body (404 unknown product, 409 conflicts, 422,
 * 429 with {@code Retry-After}, ...), answered as it is by {@link ProblemHandling} in the
 * servlet services, {@link ProblemBodies} outside Spring MVC, and the gateway's exception
 * handler.
 */
public class ProblemException extends ErrorResponseException {

	public ProblemException(HttpStatus status, String title, @Nullable String detail) {
		super(status, problem(status, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		// typed here, not only where it is written: whichever handler writes it
		problem.setType(ProblemTypes.of(title));
		return problem;
	}

	/** Adds a member to the problem body, e.g. the short lines of a rejection. */
	public ProblemException with(String property, Object value) {
		getBody().setProperty(property, value);
		return this;
	}

	/** Adds response headers, e.g. the {@code X-RateLimit-*} of a refusal. */
	public ProblemException headers(HttpHeaders headers) {
		getHeaders().addAll(headers);
		return this;
	}

	/** Adds a response header, e.g. {@code Retry-After}. */
	public ProblemException header(String name, String value) {
		getHeaders().set(name, value);
		return this;
	}

}
