package io.statewise.support.problem;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, with {@code 415} problem+json, the request bodies Spring MVC fails on with a
 * {@code 500}: a {@code Content-Type} with a wildcard ({@code *}{@code /*},
 * {@code application/*}: Spring's request headers refuse to hold one and throw an
 * {@code IllegalArgumentException}), and {@code multipart/*} (the multipart resolver
 * throws on a body without a boundary). The services take JSON only; every other type
 * reaches Spring MVC, which answers {@code 415} itself.
 */
final class JsonBodiesOnlyFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String type = request.getContentType();
		if (type == null || acceptable(type)) {
			chain.doFilter(request, response);
			return;
		}
		ProblemBodies.write(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
				"Content-Type '" + type.strip() + "' is not accepted; send application/json.", request.getRequestURI());
	}

	private static boolean acceptable(String type) {
		try {
			MediaType media = MediaType.parseMediaType(type);
			return !media.isWildcardType() && !media.isWildcardSubtype() && !"multipart".equals(media.getType());
		}
		catch (InvalidMediaTypeException ex) {
			// Spring MVC answers 415 for a type it cannot parse
			return true;
		}
	}

}
