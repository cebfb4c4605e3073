package io.statewise.support.identity;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.statewise.support.problem.ProblemBodies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The only way a caller's identity enters a service: {@code X-User-Id} and
 * {@code X-User-Roles} are removed from every request, and put back only from a signed
 * identity ({@value IdentityTokens#HEADER}) that verifies. A request that reached a
 * service past the gateway with a forged header therefore has no identity (and gets the
 * {@code 401} of whatever needs one); one with a forged or expired signed identity gets
 * {@code 401} here. The verified caller is also a request attribute
 * ({@link Caller#ATTRIBUTE}).
 */
final class VerifiedCallerFilter extends OncePerRequestFilter {

	static final String USER_ID = "X-User-Id";

	static final String USER_ROLES = "X-User-Roles";

	private final IdentityTokens tokens;

	VerifiedCallerFilter(IdentityTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String signed = request.getHeader(IdentityTokens.HEADER);
		Caller caller = null;
		if (signed != null) {
			try {
				caller = this.tokens.verify(signed);
			}
			catch (IdentityTokens.InvalidIdentityException ex) {
				ProblemBodies.write(response, HttpServletResponse.SC_UNAUTHORIZED, ex.getMessage(),
						request.getRequestURI());
				return;
			}
			request.setAttribute(Caller.ATTRIBUTE, caller);
		}
		chain.doFilter(new VerifiedRequest(request, caller), response);
	}

	/** The request with only the verified identity headers. */
	private static final class VerifiedRequest extends HttpServletRequestWrapper {

		private final @Nullable Caller caller;

		VerifiedRequest(HttpServletRequest request, @Nullable Caller caller) {
			super(request);
			this.caller = caller;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return identity(name) ? verified(name) : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if (!identity(name)) {
				return super.getHeaders(name);
			}
			String value = verified(name);
			return Collections.enumeration((value != null) ? List.of(value) : List.of());
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			Stream<String> names = Collections.list(super.getHeaderNames()).stream().filter((name) -> !identity(name));
			return Collections.enumeration(
					((this.caller != null) ? Stream.concat(names, Stream.of(USER_ID, USER_ROLES)) : names).toList());
		}

		private @Nullable String verified(String name) {
			if (this.caller == null) {
				return null;
			}
			return name.equalsIgnoreCase(USER_ID) ? this.caller.userId() : String.join(",", this.caller.roles());
		}

		private static boolean identity(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			return lower.equals("x-user-id") || lower.equals("x-user-roles");
		}

	}

}
