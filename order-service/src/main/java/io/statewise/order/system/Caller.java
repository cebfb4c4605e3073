package io.statewise.order.system;

import io.statewise.support.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The caller's identity: {@code X-User-Id}, which only the gateway sets (it strips the
 * header from inbound requests and adds it after authenticating the session). Checked
 * before the body is read, so an anonymous request is a 401 whatever it carries.
 */
@Component
public class Caller implements HandlerInterceptor {

	public static final String USER_HEADER = "X-User-Id";

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String user = request.getHeader(USER_HEADER);
		if (user == null || user.isBlank() || user.length() > 100) {
			throw new ProblemException(HttpStatus.UNAUTHORIZED, "Not signed in",
					"Orders belong to a signed-in user; the request carried no valid " + USER_HEADER + ".");
		}
		return true;
	}

}
