package io.statewise.support.problem;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Treats an {@code Accept} header that cannot be parsed ({@code *}{@code /*;q=abc}) as
 * absent. With it Spring MVC cannot negotiate a media type for anything, a problem
 * included: it answers {@code 406} without a body, or drops the body of the {@code 404}
 * or {@code 409} it meant to send.
 */
final class UnreadableAcceptFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
		chain.doFilter(ProblemTypes.readable(accept) ? request : new WithoutAccept(request), response);
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/** The request as if it had no {@code Accept} header. */
	private static final class WithoutAccept extends HttpServletRequestWrapper {

		WithoutAccept(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return isAccept(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return isAccept(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(WithoutAccept::isAccept);
			return Collections.enumeration(names);
		}

		private static boolean isAccept(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name);
		}

	}

}
