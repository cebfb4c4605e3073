package io.statewise.support.problem;

import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 problem+json, in one place for every servlet service. Spring's
 * own handler covers the framework's cases (404 route, 405, 415, malformed JSON); this
 * adds {@link ProblemException}s, field errors for validation failures, and maps an
 * unreachable database to 503 with {@code Retry-After}: the request may be retried. It
 * changed nothing (CP), unless the database went away at the commit: then the detail says
 * the change may have been applied, since only reading it back can tell.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

	/** Seconds a client should wait before retrying while PostgreSQL is away. */
	static final String RETRY_AFTER_SECONDS = "1";

	private final String database;

	/**
	 * @param database how the service's database is named in a 503's title and detail,
	 * e.g. "orders"
	 */
	public ProblemHandling(String database) {
		this.database = database;
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders()).body(ex.getBody());
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request parameters.");
		problem.setTitle("Invalid request");
		problem.setProperty("errors",
				ex.getConstraintViolations()
					.stream()
					.map((violation) -> Map.of("field", lastNode(violation.getPropertyPath().toString()), "message",
							violation.getMessage()))
					.toList());
		return ResponseEntity.badRequest().body(problem);
	}

	private static String lastNode(String path) {
		return path.substring(path.lastIndexOf('.') + 1);
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> database(RuntimeException ex) {
		if (!DatabaseUnavailable.is(ex)) {
			throw ex;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, unavailableDetail(ex));
		problem.setTitle(
				Character.toUpperCase(this.database.charAt(0)) + this.database.substring(1) + " database unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.body(problem);
	}

	private String unavailableDetail(RuntimeException ex) {
		if (DatabaseUnavailable.commitOutcomeUnknown(ex)) {
			return "The " + this.database + " database went away while the change was being committed: "
					+ "it may or may not have been applied. Retry shortly with the same Idempotency-Key, "
					+ "if the request had one, so that it is applied once; otherwise check whether it took effect "
					+ "before repeating it.";
		}
		return "The " + this.database + " database cannot be reached; nothing was changed. "
				+ "Retry shortly (with the same Idempotency-Key, if the request had one).";
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ex.getBody();
		problem.setDetail("The request body is invalid: " + ex.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.reduce((a, b) -> a + "; " + b)
			.orElse("see errors"));
		List<Map<String, String>> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

}
