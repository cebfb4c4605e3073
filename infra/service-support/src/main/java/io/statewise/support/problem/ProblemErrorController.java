package io.statewise.support.problem;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot's {@code /error}, answering problem+json instead of Boot's own JSON map:
 * what the servlet container forwards there never passed through Spring MVC's exception
 * handling (a request rejected by Spring Security's firewall for {@code ;} or {@code %25}
 * in its path, a {@code sendError} from a filter). Only the status is told, with a
 * general detail: the exception behind it may name internals.
 */
@RestController
class ProblemErrorController implements ErrorController {

	private static final Map<Integer, String> DETAILS = Map.of(400,
			"The request was rejected before it reached the application: its path, headers or body are malformed.", 404,
			"Nothing here.", 405, "This method is not allowed here.", 413, "The request is too large.");

	@RequestMapping(path = "${server.error.path:${error.path:/error}}", produces = MediaType.ALL_VALUE)
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value && value >= 400) ? value : 500;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String detail = DETAILS.getOrDefault(status,
				(status >= 500) ? "The request could not be completed." : "The request cannot be answered.");
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemBodies.body(status, detail, (uri != null) ? uri.toString() : request.getRequestURI()));
	}

}
