package io.statewise.gateway.routing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * Every service the gateway balances over gets the instance list of
 * {@link InstanceSuppliers}.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceSuppliers.class)
class LoadBalancingConfiguration {

}
