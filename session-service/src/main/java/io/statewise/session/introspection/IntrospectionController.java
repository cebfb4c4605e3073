package io.statewise.session.introspection;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import io.statewise.session.store.SessionStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/session}: who the session cookie of this request belongs to. The
 * gateway calls it for routes that need a user and passes the answer downstream as
 * {@code X-User-Id}/{@code X-User-Roles}. It reads the session straight from the store
 * (one {@code HGETALL} in Redis mode) and never saves it: introspection must be cheap and
 * must not count as the user's activity.
 */
@RestController
class IntrospectionController {

	private final SessionStore sessions;

	private final CookieSerializer cookies;

	IntrospectionController(SessionStore sessions, CookieSerializer cookies) {
		this.sessions = sessions;
		this.cookies = cookies;
	}

	@GetMapping("/internal/session")
	@Operation(summary = "Who the SESSION cookie of this request belongs to (the gateway asks)")
	@ApiResponse(responseCode = "200", description = "Anonymous, or the user id, roles and expiry")
	Introspection introspect(HttpServletRequest request) {
		for (String id : this.cookies.readCookieValues(request)) {
			Session session = this.sessions.peek(id);
			if (session != null && !session.isExpired()) {
				return Introspection.of(session);
			}
		}
		return Introspection.ANONYMOUS;
	}

	/**
	 * The answer: anonymous, or a user id with roles and when the session would expire.
	 */
	record Introspection(boolean authenticated, @Nullable String userId, List<String> roles,
			@Nullable Instant expiresAt) {

		static final Introspection ANONYMOUS = new Introspection(false, null, List.of(), null);

		static Introspection of(Session session) {
			SecurityContext context = session
				.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
			Authentication authentication = (context != null) ? context.getAuthentication() : null;
			Instant expiresAt = session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
			if (authentication == null || !authentication.isAuthenticated()) {
				return new Introspection(false, null, List.of(), expiresAt);
			}
			List<String> roles = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.map((authority) -> authority.replaceFirst("^ROLE_", "").toLowerCase())
				.toList();
			return new Introspection(true, authentication.getName(), roles, expiresAt);
		}

	}

}
