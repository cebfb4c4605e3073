package io.statewise.support.instances;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The start of every load-balanced service's instance list: the instances discovery names
 * (configured, {@link InstanceUriConverter}), kept only while their readiness answers
 * {@code 200} on their management port ({@link ManagementPort}), polled as
 * {@code spring.cloud.loadbalancer.health-check.*} says. Spring Cloud's
 * {@link HealthCheckServiceInstanceListSupplier} does the polling; what it is given here
 * is the probe, since its own asks every instance on one port.
 * <p>
 * The probe is the JDK's HTTP client, so that one probe serves the reactive gateway and
 * the servlet services alike: connect within 500 ms, answer within 1 s, else not ready.
 */
public final class ReadyInstances {

	private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(1);

	private static final HttpClient PROBE = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(CONNECT_TIMEOUT)
		.build();

	private ReadyInstances() {
	}

	/**
	 * Discovery (reactive where the application has a reactive discovery client), then
	 * the readiness check; a caller adds its own steps and builds.
	 */
	public static ServiceInstanceListSupplierBuilder builder(ConfigurableApplicationContext context) {
		ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder();
		builder = (context.getBeanProvider(ReactiveDiscoveryClient.class).getIfAvailable() != null)
				? builder.withDiscoveryClient() : builder.withBlockingDiscoveryClient();
		return builder.with((ctx, delegate) -> new HealthCheckServiceInstanceListSupplier(delegate,
				ctx.getBean(LoadBalancerClientFactory.class), ReadyInstances::isReady));
	}

	/** Whether the instance's readiness (at {@code path}) answers 200 in time. */
	static Mono<Boolean> isReady(ServiceInstance instance, String path) {
		HttpRequest request = HttpRequest.newBuilder(ManagementPort.uri(instance, path))
			.timeout(ANSWER_TIMEOUT)
			.GET()
			.build();
		return Mono.fromFuture(() -> PROBE.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
			.map((response) -> response.statusCode() == 200)
			.onErrorReturn(false);
	}

}
