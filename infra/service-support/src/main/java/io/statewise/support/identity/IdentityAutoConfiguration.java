package io.statewise.support.identity;

import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Signed caller identities (docs/adr/0013): the key ring everywhere; in servlet services,
 * the filter that lets only a verified identity in, and the one reader of it
 * ({@link Caller} parameters, {@link SignedIn}).
 */
@AutoConfiguration
@ConditionalOnClass(SignedJWT.class)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(IdentityAutoConfiguration.class);

	@Bean
	IdentityTokens identityTokens(IdentityProperties properties) {
		IdentityTokens tokens = new IdentityTokens(properties);
		if (!tokens.canVerify()) {
			logger.warn("No statewise.identity.keys: every signed caller identity is refused (401)");
		}
		return tokens;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletCallers {

		@Bean
		FilterRegistrationBean<VerifiedCallerFilter> verifiedCallerFilter(IdentityTokens tokens) {
			FilterRegistrationBean<VerifiedCallerFilter> registration = new FilterRegistrationBean<>(
					new VerifiedCallerFilter(tokens));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
			return registration;
		}

		@Bean
		WebMvcConfigurer callerArguments() {
			return new WebMvcConfigurer() {
				@Override
				public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
					resolvers.add(new CallerArgumentResolver());
				}
			};
		}

	}

}
