package io.statewise.support.openapi;

import io.statewise.support.identity.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Registers {@link ProblemResponses} and {@link RequestExamples} in every servlet service
 * that publishes an OpenAPI description (springdoc on the classpath).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiAutoConfiguration {

	static {
		// the verified caller comes from the signed identity, never from a parameter
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	ProblemResponses problemResponses(OpenApiProperties properties, Environment environment) {
		String internal = properties.internalUrl().isBlank()
				? "http://localhost:" + environment.getProperty("server.port", "8080") : properties.internalUrl();
		return new ProblemResponses(properties.gatewayUrl(), internal,
				environment.getProperty("server.error.path", environment.getProperty("error.path", "/error")));
	}

	@Bean
	RequestExamples requestExamples() {
		return new RequestExamples();
	}

}
