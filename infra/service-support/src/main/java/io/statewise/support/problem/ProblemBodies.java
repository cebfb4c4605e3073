package io.statewise.support.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * The one writer of a problem+json body where Spring MVC's exception handling
 * ({@link ProblemHandling}) does not reach: servlet filters, Spring Security's entry
 * point and access-denied handler, Spring Boot's {@code /error} dispatch, and Tomcat's
 * own error report. The same members as Spring's {@code ProblemDetail} in the shape of
 * {@link ProblemTypes}, so a client cannot tell where the problem was written.
 */
public final class ProblemBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemBodies() {
	}

	/**
	 * Answers with a problem a service chose (its title, detail, members and headers,
	 * e.g. a {@link ProblemException}), replacing whatever was buffered.
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ErrorResponse error)
			throws IOException {
		response.resetBuffer();
		error.getHeaders().forEach((name, values) -> values.forEach((value) -> response.addHeader(name, value)));
		ProblemDetail problem = ProblemTypes.complete(error.getBody(), request.getRequestURI());
		write(response, problem, (problem.getInstance() != null) ? problem.getInstance().toString() : "");
	}

	/** Answers with the status's own problem: its reason phrase as the title. */
	public static void write(HttpServletResponse response, int status, String detail, String instance)
			throws IOException {
		response.resetBuffer();
		write(response, problem(status, detail), instance);
	}

	/** The members of the status's own problem, for a controller to answer. */
	static Map<String, Object> body(int status, String detail, String instance) {
		return members(problem(status, detail), instance);
	}

	/**
	 * A problem's body as text, for an answer that is kept and sent again (a checkout's,
	 * replayed for a repeated {@code Idempotency-Key}).
	 * @param instance the public path of the request that failed
	 */
	public static String json(ProblemDetail problem, String instance) {
		return JSON.writeValueAsString(members(ProblemTypes.complete(problem, instance), instance));
	}

	private static ProblemDetail problem(int status, String detail) {
		return ProblemTypes.complete(ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail), null);
	}

	private static void write(HttpServletResponse response, ProblemDetail problem, String instance) throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(JSON.writeValueAsBytes(members(problem, instance)));
	}

	/** The path as given: one that is no valid URI (refused for that) is still named. */
	private static Map<String, Object> members(ProblemDetail problem, String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", instance);
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		return body;
	}

}
