package io.statewise.session.system;

import java.io.IOException;

import io.statewise.support.problem.ProblemBodies;
import io.statewise.support.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 from Spring Security as problem+json, like every other error. */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		ProblemBodies.write(request, response,
				new ProblemException(HttpStatus.UNAUTHORIZED, "Login required", "Log in to use this resource."));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		ProblemBodies.write(request, response,
				new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "This account may not use this resource."));
	}

}
