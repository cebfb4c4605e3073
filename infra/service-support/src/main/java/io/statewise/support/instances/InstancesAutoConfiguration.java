package io.statewise.support.instances;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * For a service that calls others through Spring Cloud LoadBalancer: instance lists as
 * one comma-separated URL list per service ({@link InstanceUriConverter}), and for every
 * load-balanced service the list of its ready instances ({@link ReadyInstances}).
 */
@AutoConfiguration
@ConditionalOnClass(ServiceInstanceListSupplier.class)
@LoadBalancerClients(defaultConfiguration = ReadyInstancesConfiguration.class)
public class InstancesAutoConfiguration {

	@Bean
	@ConfigurationPropertiesBinding
	static InstanceUriConverter instanceUriConverter() {
		return new InstanceUriConverter();
	}

}
