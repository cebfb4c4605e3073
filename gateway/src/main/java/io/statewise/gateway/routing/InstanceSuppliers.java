package io.statewise.gateway.routing;

import io.statewise.gateway.system.GatewayProperties;

import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instance list of every load-balanced service, built in its own LoadBalancer
 * context: instances from discovery (configuration locally), only the ready ones (polled
 * on each instance's management port, or all of them when none is:
 * {@link AllWhenNoneReady}) in a stable order, for session-service in {@code memory} mode
 * the browser's own instance (and no other when its session lives there:
 * {@link HolderOrNone}), and instances not yet tried first. Not a {@code @Configuration}:
 * component scanning must not pick it up for the main context.
 */
class InstanceSuppliers {

	static final String SESSION_SERVICE = "session-service";

	@Bean
	ServiceInstanceListSupplier serviceInstanceListSupplier(ConfigurableApplicationContext context,
			Environment environment) {
		ReadinessProbe probe = new ReadinessProbe(WebClient.create());
		ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.with((ctx,
					delegate) -> new AllWhenNoneReady(new HealthCheckServiceInstanceListSupplier(delegate,
							ctx.getBean(LoadBalancerClientFactory.class), probe::isReady)))
			.with((ctx, delegate) -> new StableOrder(delegate));
		String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		if (SESSION_SERVICE.equals(service) && context.getBean(GatewayProperties.class).stickySessions()) {
			// before "untried first": a retry stays on the instance that holds the
			// session while it is in rotation, and goes nowhere once it is not: no other
			// instance knows the session
			builder = builder.withRequestBasedStickySession()
				.with((ctx, delegate) -> new HolderOrNone(delegate, ctx.getBean(SessionAffinity.class)));
		}
		return builder.with((ctx, delegate) -> new UntriedInstancesFirst(delegate)).build(context);
	}

}
