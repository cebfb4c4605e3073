package io.statewise.support.instances;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;

/**
 * Every load-balanced service's instance list ({@link ReadyInstances}), and the
 * application's {@link ReadyInstancesCustomizer}s after it. Loaded in each service's
 * load-balancer context, hence no {@code @Configuration}: component scanning must not
 * pick it up for the application's own.
 */
class ReadyInstancesConfiguration {

	@Bean
	ServiceInstanceListSupplier readyInstances(ConfigurableApplicationContext context, Environment environment) {
		String service = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		List<ReadyInstancesCustomizer> customizers = new ArrayList<>(
				BeanFactoryUtils.beansOfTypeIncludingAncestors(context, ReadyInstancesCustomizer.class).values());
		AnnotationAwareOrderComparator.sort(customizers);
		ServiceInstanceListSupplierBuilder builder = ReadyInstances.builder(context);
		for (ReadyInstancesCustomizer customizer : customizers) {
			builder = customizer.customize(builder, service);
		}
		return builder.build(context);
	}

}
