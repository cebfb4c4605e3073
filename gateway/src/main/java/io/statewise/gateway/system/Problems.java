package io.statewise.gateway.system;

import io.statewise.support.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Builds the exceptions the gateway's own checks throw; {@link ProblemExceptionHandler}
 * renders them.
 */
public final class Problems {

	private Problems() {
	}

	public static ErrorResponseException problem(HttpStatus status, String title, @Nullable String detail) {
		return problem(status, title, detail, new HttpHeaders());
	}

	public static ErrorResponseException problem(HttpStatus status, String title, @Nullable String detail,
			HttpHeaders headers) {
		ProblemDetail body = ProblemDetail.forStatus(status);
		body.setTitle(title);
		body.setType(ProblemTypes.of(title));
		body.setDetail(detail);
		ErrorResponseException exception = new ErrorResponseException(status, body, null);
		exception.getHeaders().addAll(headers);
		return exception;
	}

}
