package io.statewise.session.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A business error with its problem+json body. */
public class ProblemException extends ErrorResponseException {

	public ProblemException(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	public ProblemException with(String property, Object value) {
		getBody().setProperty(property, value);
		return this;
	}

	public ProblemException header(String name, String value) {
		getHeaders().set(name, value);
		return this;
	}

}
