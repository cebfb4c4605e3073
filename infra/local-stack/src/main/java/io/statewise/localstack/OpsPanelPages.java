package io.statewise.localstack;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The ops panel's page at {@code /ops/} (the control port's root leads there), served
 * with the same Content-Security-Policy as the store: scripts, styles and connections
 * from this origin only, nothing inline, no framing. The control port does not change
 * what the panel may do: it is the same loopback origin as the API it calls.
 */
@Configuration(proxyBeanMethods = false)
class OpsPanelPages implements WebMvcConfigurer {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/", "/ops/");
		registry.addRedirectViewController("/ops", "/ops/");
		registry.addViewController("/ops/").setViewName("forward:/ops/index.html");
	}

	@Bean
	OncePerRequestFilter opsPanelHeaders() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("X-Frame-Options", "DENY");
				response.setHeader("Referrer-Policy", "no-referrer");
				// the page is the panel of this run: never a stale copy after a rebuild
				response.setHeader("Cache-Control", "no-store");
				chain.doFilter(request, response);
			}

		};
	}

}
