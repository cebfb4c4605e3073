package io.statewise.session.system;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security rules alone (a {@code @WebMvcTest} slice: no server, no Redis, no
 * PostgreSQL, and a stand-in controller instead of the features): who may call what, that
 * every refusal is problem+json, that nothing redirects or asks for Basic credentials,
 * and that {@code /internal/**} never touches a session. With Spring Session and the real
 * stores they are tested by {@code LoginTests}, {@code IntrospectionTests} and
 * {@code StoreUnavailableTests}.
 */
@WebMvcTest(SecurityConfigurationWebTests.Endpoints.class)
@Import({ SecurityConfiguration.class, SecurityConfigurationWebTests.Endpoints.class })
class SecurityConfigurationWebTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	UserDetailsService accounts;

	@Test
	void theAccountOfNoSessionShouldBeALoginRequiredProblemWithoutAChallengeOrARedirect() {
		MvcTestResult result = this.mvc.get().uri("/api/account/me").exchange();

		assertThat(result).hasStatus(401)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.doesNotContainHeader("WWW-Authenticate")
			.doesNotContainHeader("Location");
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Login required");
	}

	@Test
	void theAccountOfASignedInSessionShouldBeAnsweredForItsPrincipal() {
		MvcTestResult result = this.mvc.get().uri("/api/account/me").session(signedIn("account-1")).exchange();

		assertThat(result).hasStatus(200).bodyText().isEqualTo("account-1");
	}

	@Test
	void everyOtherPublicPathShouldBeOpenToAnAnonymousCaller() {
		assertThat(this.mvc.get().uri("/api/cart").exchange()).hasStatus(200).bodyText().isEqualTo("anonymous");
	}

	@Test
	void neitherAFormLoginNorBasicCredentialsShouldBeOffered() {
		assertThat(this.mvc.get().uri("/login").exchange()).hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/api/account/me")
			.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("a:b".getBytes()))
			.exchange()).hasStatus(401);
	}

	@Test
	void introspectionShouldNeitherCreateNorReadASession() {
		MvcTestResult result = this.mvc.get().uri("/internal/probe").exchange();

		assertThat(result).hasStatus(200).bodyText().isEqualTo("no session, no principal");
		assertThat(result.getRequest().getSession(false)).isNull();
		assertThat(this.mvc.get().uri("/internal/probe").session(signedIn("account-1")).exchange()).bodyText()
			.as("a signed-in session is not read")
			.isEqualTo("session, no principal");
	}

	@Test
	void logoutShouldEndTheSessionWithNoContentAndOnlyByPost() {
		MockHttpSession session = signedIn("account-1");

		assertThat(this.mvc.post().uri("/api/session/logout").session(session).exchange()).hasStatus(204);
		assertThat(session.isInvalid()).isTrue();
		assertThat(this.mvc.get().uri("/api/session/logout").session(signedIn("account-2")).exchange()).hasStatus(404);
	}

	@Test
	void anUnreachableSessionStoreShouldBeARetryableProblem() {
		MvcTestResult result = this.mvc.get().uri("/api/store-down").exchange();

		assertThat(result).hasStatus(503)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("Retry-After", "1");
	}

	/**
	 * A session as a login leaves it: the security context under Spring Security's key.
	 */
	private static MockHttpSession signedIn(String accountId) {
		MockHttpSession session = new MockHttpSession();
		session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
				new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(accountId, null, List.of())));
		return session;
	}

	/** Stand-ins for the features, answering who called them. */
	@RestController
	static class Endpoints {

		@GetMapping("/api/account/me")
		String me(Principal principal) {
			return principal.getName();
		}

		@GetMapping("/api/cart")
		String cart(HttpServletRequest request) {
			return (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "anonymous";
		}

		@GetMapping("/internal/probe")
		String probe(HttpServletRequest request) {
			return ((request.getSession(false) != null) ? "session" : "no session") + ", "
					+ ((request.getUserPrincipal() != null) ? "principal" : "no principal");
		}

		@GetMapping("/api/store-down")
		String storeDown() {
			throw new RedisConnectionFailureException("Unable to connect to Redis");
		}

	}

}
