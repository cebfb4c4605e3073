package io.statewise.order.inventory;

import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The inventory HTTP service group: base URL {@code lb://inventory-service}
 * ({@code spring.http.serviceclient.inventory.*}), so Spring Cloud LoadBalancer picks a
 * healthy instance for every call (see {@link InventoryInstances}).
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "inventory", types = InventoryClient.class)
@LoadBalancerClient(name = "inventory-service", configuration = InventoryInstances.class)
class InventoryConfiguration {

	/**
	 * The JDK client without its default HTTP/2 attempt: over plain http it sends
	 * {@code Upgrade: h2c} on every request, which inventory (Tomcat) declines anyway.
	 */
	@Bean
	ClientHttpRequestFactoryBuilder<?> httpRequestFactoryBuilder() {
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
	}

	/**
	 * Threads that make the calls the time limiter waits for. Unbounded because the
	 * bulkhead bounds the calls in flight and the read timeout ends abandoned ones; the
	 * tracing context follows each call onto its thread.
	 */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService inventoryCalls() {
		AtomicInteger count = new AtomicInteger();
		ExecutorService threads = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "inventory-call-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		return ContextExecutorService.wrap(threads, ContextSnapshotFactory.builder().build()::captureAll);
	}

}
