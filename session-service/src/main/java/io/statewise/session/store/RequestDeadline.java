package io.statewise.session.store;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The moment the caller stops waiting for this request, from the gateway's
 * {@value #HEADER} header (epoch milliseconds; the gateway sets it to its own time limit
 * for the route and removes any that a client sent). Session writes are refused after it
 * (docs/adr/0012), checked on the store's clock inside the write itself, so a request
 * that was paused (a frozen process, a long GC, a kernel backlog) cannot land a change
 * its caller already reported as failed. Absolute, not a relative timeout: time spent
 * before this process read the request counts too. A request without the header (tests,
 * direct calls) has no deadline.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestDeadline extends OncePerRequestFilter {

	public static final String HEADER = "X-Statewise-Deadline";

	private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

	/** The current request's deadline in epoch milliseconds, or 0 for none. */
	static long current() {
		Long deadline = CURRENT.get();
		return (deadline != null) ? deadline : 0;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CURRENT.set(parse(request.getHeader(HEADER)));
		try {
			chain.doFilter(request, response);
		}
		finally {
			CURRENT.remove();
		}
	}

	private static long parse(@Nullable String header) {
		if (header == null) {
			return 0;
		}
		try {
			return Math.max(0, Long.parseLong(header.strip()));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
