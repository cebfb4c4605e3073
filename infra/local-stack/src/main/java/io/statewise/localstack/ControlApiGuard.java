package io.statewise.localstack;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The control API kills and freezes processes, so only this machine's own tools may call
 * it. Listening on loopback keeps other machines out, but not a web page in the user's
 * browser: a cross-site {@code POST} carries the attacker's {@code Origin}, and DNS
 * rebinding points an attacker's name at 127.0.0.1, so the request carries the attacker's
 * {@code Host}. Both are refused with {@code 403}: {@code Host} must name the loopback
 * address and this port, and an {@code Origin}, when sent, must be this API's own.
 */
@Component
class ControlApiGuard extends OncePerRequestFilter {

	private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		int port = request.getLocalPort();
		if (!isOwn(request.getHeader(HttpHeaders.HOST), port, false)
				|| !isOwn(request.getHeader(HttpHeaders.ORIGIN), port, true)) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"urn:statewise:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
						+ "\"detail\":\"The control API answers only requests addressed to its loopback address"
						+ " (Host 127.0.0.1 or localhost, no foreign Origin).\",\"instance\":\""
						+ request.getRequestURI().replace("\"", "") + "\"}");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * {@code Host: 127.0.0.1:9000}; {@code Origin: http://127.0.0.1:9000} (or absent).
	 */
	private static boolean isOwn(@Nullable String value, int port, boolean origin) {
		if (value == null) {
			return origin;
		}
		String authority = value.strip();
		if (origin) {
			if (!authority.startsWith("http://")) {
				return false;
			}
			authority = authority.substring("http://".length());
		}
		for (String host : LOOPBACK) {
			if (authority.equals(host + ":" + port)) {
				return true;
			}
		}
		return false;
	}

}
