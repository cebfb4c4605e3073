package io.statewise.support.problem;

import jakarta.servlet.DispatcherType;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Every error a servlet service answers is problem+json, also the ones Spring MVC never
 * sees: an {@code Accept} it cannot read ({@link UnreadableAcceptFilter}), bodies it
 * would fail on ({@link JsonBodiesOnlyFilter}), what is forwarded to {@code /error}
 * ({@link ProblemErrorController}), and what Tomcat answers on its own
 * ({@link ProblemErrorReportValve}).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(ErrorController.class)
public class ServletProblemsAutoConfiguration {

	@Bean
	ProblemShapeAdvice problemShapeAdvice() {
		return new ProblemShapeAdvice();
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	FilterRegistrationBean<UnreadableAcceptFilter> unreadableAcceptFilter() {
		FilterRegistrationBean<UnreadableAcceptFilter> registration = new FilterRegistrationBean<>(
				new UnreadableAcceptFilter());
		// before anything that may answer, Spring Security's filters included; also on
		// the dispatch to /error, which sees the request without this filter's wrapper
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	@Bean
	FilterRegistrationBean<JsonBodiesOnlyFilter> jsonBodiesOnlyFilter() {
		FilterRegistrationBean<JsonBodiesOnlyFilter> registration = new FilterRegistrationBean<>(
				new JsonBodiesOnlyFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatServletWebServerFactory.class, StandardHost.class })
	static class TomcatErrorReport {

		@Bean
		ProblemErrorReport problemErrorReport() {
			return new ProblemErrorReport();
		}

	}

	/**
	 * Runs after Spring Boot's own customizer, which adds a plain
	 * {@code ErrorReportValve} to the host: that one is replaced, and the host told not
	 * to add another.
	 */
	static final class ProblemErrorReport
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				Host host = (Host) context.getParent();
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemErrorReportValve());
				if (host instanceof StandardHost standard) {
					standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
