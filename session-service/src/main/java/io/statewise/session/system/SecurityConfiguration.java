package io.statewise.session.system;

import io.statewise.support.problem.ProblemBodies;
import io.statewise.support.problem.ProblemException;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * A JSON API secured by the session: no form login, no HTTP Basic, no redirects, no saved
 * requests. CSRF is not checked here because browsers never reach this service directly:
 * the gateway, the only door, checks {@code Origin}/{@code Sec-Fetch-Site} on every
 * state-changing request (ARCHITECTURE.md, "Components").
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * {@code /internal/**} (introspection) runs without the security context and without
	 * touching the request's session: introspection reads the session it is asked about
	 * itself, in one Redis command, and must not refresh or save it. Anonymous
	 * authentication and session management are off because they call
	 * {@code request.getSession(false)}, which with Spring Session loads the session and
	 * saves it again (four more commands).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain internal(HttpSecurity http) throws Exception {
		return http.securityMatcher("/internal/**")
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.securityContext((context) -> context.securityContextRepository(new NullSecurityContextRepository()))
			.sessionManagement(AbstractHttpConfigurer::disable)
			.anonymous(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain api(HttpSecurity http, SecurityContextRepository contexts) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.securityContext((context) -> context.securityContextRepository(contexts))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId()))
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/api/account/me").authenticated().anyRequest().permitAll())
			// 401 and 403 as problem+json, like every other error
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> ProblemBodies.write(request, response,
						new ProblemException(HttpStatus.UNAUTHORIZED, "Login required",
								"Log in to use this resource.")))
				.accessDeniedHandler((request, response, ex) -> ProblemBodies.write(request, response,
						new ProblemException(HttpStatus.FORBIDDEN, "Forbidden",
								"This account may not use this resource."))))
			.logout((logout) -> logout
				.logoutRequestMatcher(
						PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/session/logout"))
				.invalidateHttpSession(true)
				.logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
			.build();
	}

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	SessionAuthenticationStrategy sessionAuthenticationStrategy() {
		return new ChangeSessionIdAuthenticationStrategy();
	}

	/**
	 * bcrypt today; the {id} prefix lets a later change of algorithm re-hash on login.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Hashes a dummy password for unknown emails too, so timing does not tell them apart.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService accounts, PasswordEncoder passwords) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
		provider.setPasswordEncoder(passwords);
		return new ProviderManager(provider);
	}

}
