package io.statewise.support.instances;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;

/**
 * Steps an application adds to every instance list after the readiness check (the
 * gateway's: all instances when none is ready, a stable order, sticky sessions, instances
 * not yet tried first). A bean of the application's own context; applied in order.
 */
@FunctionalInterface
public interface ReadyInstancesCustomizer {

	/**
	 * @param builder the list so far: discovery and the readiness check
	 * @param service the load-balanced service the list is for
	 */
	ServiceInstanceListSupplierBuilder customize(ServiceInstanceListSupplierBuilder builder, String service);

}
