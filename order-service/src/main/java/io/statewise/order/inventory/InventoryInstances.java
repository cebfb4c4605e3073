package io.statewise.order.inventory;

import java.net.URI;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * inventory-service instances for the load balancer: those configured under
 * {@code spring.cloud.discovery.client.simple.instances.inventory-service}, kept only
 * while their readiness answers. Spring Cloud's own health check probes one port per
 * service; local instances differ by port, so this probe reads each instance's management
 * port from its {@code management-port} metadata (falling back to the instance port).
 * Loaded in the load balancer's child context only, hence no {@code @Configuration}.
 */
class InventoryInstances {

	private static final Logger logger = LoggerFactory.getLogger(InventoryInstances.class);

	static final String MANAGEMENT_PORT = "management-port";

	@Bean
	ServiceInstanceListSupplier readyInventoryInstances(ConfigurableApplicationContext context) {
		RestClient probe = RestClient.builder().requestFactory(probeTimeouts()).build();
		return ServiceInstanceListSupplier.builder()
			.withBlockingDiscoveryClient()
			.with((ctx, delegate) -> new HealthCheckServiceInstanceListSupplier(delegate,
					ctx.getBean(LoadBalancerClientFactory.class), (instance, path) -> alive(probe, instance, path)))
			.build(context);
	}

	private static Mono<Boolean> alive(RestClient probe, ServiceInstance instance, String path) {
		return Mono
			.fromCallable(() -> probe.get()
				.uri(healthUri(instance, path))
				.retrieve()
				.toBodilessEntity()
				.getStatusCode()
				.is2xxSuccessful())
			.onErrorReturn(false)
			.subscribeOn(Schedulers.boundedElastic());
	}

	static URI healthUri(ServiceInstance instance, String path) {
		String port = instance.getMetadata().get(MANAGEMENT_PORT);
		return UriComponentsBuilder.fromUri(instance.getUri())
			.port((port != null) ? Integer.parseInt(port) : instance.getPort())
			.replacePath(path)
			.build()
			.toUri();
	}

	private static SimpleClientHttpRequestFactory probeTimeouts() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofMillis(500));
		factory.setReadTimeout(Duration.ofMillis(1000));
		return factory;
	}

}
