package io.statewise.support.problem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Writes a problem+json body where Spring MVC's exception handling does not reach: in a
 * servlet filter, Spring Boot's {@code /error} dispatch, and Tomcat's own error report.
 * The same members as Spring's {@code ProblemDetail}, so a client cannot tell where the
 * problem was written.
 */
public final class ProblemBodies {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ProblemBodies() {
	}

	public static void write(HttpServletResponse response, int status, String detail, String instance)
			throws IOException {
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getOutputStream().write(JSON.writeValueAsBytes(body(status, detail, instance)));
	}

	static Map<String, Object> body(int status, String detail, String instance) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> body = new LinkedHashMap<>();
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		body.put("type", ProblemTypes.of(title).toString());
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.put("instance", instance);
		return body;
	}

}
