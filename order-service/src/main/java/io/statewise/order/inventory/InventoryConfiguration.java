package io.statewise.order.inventory;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * The inventory HTTP service group: base URL {@code lb://inventory-service}
 * ({@code spring.http.serviceclient.inventory.*}), so Spring Cloud LoadBalancer picks a
 * ready instance for every call (service-support's {@code ReadyInstances}).
 */
@Configuration(proxyBeanMethods = false)
@ImportHttpServices(group = "inventory", types = InventoryClient.class)
class InventoryConfiguration {

	/**
	 * Apache HttpClient 5 (classic) rather than the JDK client: a call is blocking I/O on
	 * the caller's thread over a pooled keep-alive connection, HTTP/1.1 only, where the
	 * JDK client and Spring's adapter hand each call to three other threads (two of them
	 * new) and took three times as long
	 * (docs/adr/0022-inventory-calls-on-the-callers-thread.md). The pool holds as many
	 * connections per instance as the bulkhead lets calls run, so it never queues a call
	 * the bulkhead admitted. Its own retries are off: Resilience4j decides what is
	 * retried, and it would otherwise repeat a request after a reset or a 503 a second
	 * later, unseen by the circuit breaker.
	 */
	@Bean
	ClientHttpRequestFactoryBuilder<?> httpRequestFactoryBuilder(BulkheadRegistry bulkheads) {
		int calls = bulkheads.bulkhead(Inventory.INSTANCE).getBulkheadConfig().getMaxConcurrentCalls();
		return ClientHttpRequestFactoryBuilder.httpComponents()
			.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries)
			.withConnectionManagerCustomizer((pool) -> pool.setMaxConnPerRoute(calls).setMaxConnTotal(2 * calls));
	}

}
