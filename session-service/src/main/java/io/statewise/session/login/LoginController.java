package io.statewise.session.login;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.session.account.Account;
import io.statewise.session.account.AccountService;
import io.statewise.session.account.PasswordPolicy;
import io.statewise.session.login.LoginThrottle.Attempt;
import io.statewise.support.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/session/login} with a JSON body, no form and no redirect. On success
 * the session id changes (fixation protection) and keeps its attributes, so a guest's
 * cart becomes the account's. Logout is Spring Security's {@code LogoutFilter} (see
 * SecurityConfiguration).
 */
@RestController
class LoginController {

	private final AuthenticationManager authentication;

	private final SessionAuthenticationStrategy sessionStrategy;

	private final SecurityContextRepository contexts;

	private final AccountService accounts;

	private final LoginThrottle throttle;

	private final MeterRegistry meters;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	LoginController(AuthenticationManager authentication, SessionAuthenticationStrategy sessionStrategy,
			SecurityContextRepository contexts, AccountService accounts, LoginThrottle throttle, MeterRegistry meters) {
		this.authentication = authentication;
		this.sessionStrategy = sessionStrategy;
		this.contexts = contexts;
		this.accounts = accounts;
		this.throttle = throttle;
		this.meters = meters;
	}

	@PostMapping("/api/session/login")
	@Operation(summary = "Log in; the session id changes and keeps the guest's cart")
	@ApiResponse(responseCode = "200", description = "The account; Set-Cookie carries the new session",
			headers = @Header(name = "Set-Cookie", description = "SESSION=...; HttpOnly; SameSite=Lax"))
	@ApiResponse(responseCode = "401", description = "Wrong email or password (one answer for both)")
	@ApiResponse(responseCode = "429",
			description = "Too many failed logins for this account or address, or the "
					+ "gateway's rate limit; retry after Retry-After seconds",
			headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"))
	Account login(@RequestBody @Valid LoginRequest login, HttpServletRequest request, HttpServletResponse response) {
		// reserved before the password is checked, so parallel guesses cannot all pass
		Attempt attempt = this.throttle.reserve(login.email(), request.getRemoteAddr());
		if (attempt instanceof Attempt.Blocked blocked) {
			count("throttled");
			throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins",
					"Too many failed logins for this account or address; try again later.")
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(blocked.retryAfterSeconds()));
		}
		Attempt.Allowed allowed = (Attempt.Allowed) attempt;
		Authentication authenticated = authenticate(login, allowed);
		this.throttle.succeeded(allowed);
		request.getSession();
		this.sessionStrategy.onAuthentication(authenticated, request, response);
		SecurityContext context = this.holder.createEmptyContext();
		context.setAuthentication(authenticated);
		this.holder.setContext(context);
		this.contexts.saveContext(context, request, response);
		count("success");
		return this.accounts.find(UUID.fromString(authenticated.getName())).orElseThrow();
	}

	/** A wrong password is a failure; a password that could not be checked is none. */
	private Authentication authenticate(LoginRequest login, Attempt.Allowed attempt) {
		try {
			if (!PasswordPolicy.fitsHash(login.password())) {
				throw new BadCredentialsException("longer than any password can be");
			}
			return this.authentication
				.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(login.email(), login.password()));
		}
		catch (InternalAuthenticationServiceException ex) {
			// the accounts could not be read (PostgreSQL down): not the user's fault;
			// StoreUnavailableFilter answers 503
			this.throttle.released(attempt);
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		catch (AuthenticationException ex) {
			this.throttle.failed(attempt);
			count("failure");
			// the same answer for an unknown email and a wrong password: nothing to learn
			throw new ProblemException(HttpStatus.UNAUTHORIZED, "Login failed", "Wrong email or password.");
		}
		catch (RuntimeException ex) {
			this.throttle.released(attempt);
			throw ex;
		}
	}

	private void count(String outcome) {
		this.meters.counter("statewise.logins", "outcome", outcome).increment();
	}

}
