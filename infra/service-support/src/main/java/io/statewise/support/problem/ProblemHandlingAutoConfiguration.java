package io.statewise.support.problem;

import jakarta.validation.ConstraintViolationException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Registers {@link ProblemHandling} in every servlet service, before Spring Boot's own
 * problem-details handler (which then steps aside). {@code statewise.problems.database}
 * names the database in 503 answers (default: the application's name).
 */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ ResponseEntityExceptionHandler.class, DataAccessException.class,
		ConstraintViolationException.class })
public class ProblemHandlingAutoConfiguration {

	@Bean
	ProblemHandling problemHandling(Environment environment) {
		return new ProblemHandling(environment.getProperty("statewise.problems.database",
				environment.getProperty("spring.application.name", "service")));
	}

}
