package io.statewise.gateway.routing;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Asks an instance whether it is ready, on its own management port: the instance's
 * {@code management-port} metadata, else its service port. Spring Cloud LoadBalancer's
 * health check knows one port per service, but two local instances of a service have
 * different management ports (docs/adr/0008-gateway-instances-and-readiness.md). The
 * OpenAPI description is fetched from the same port ({@link #uri}).
 */
public final class ReadinessProbe {

	static final String MANAGEMENT_PORT = "management-port";

	private final WebClient client;

	ReadinessProbe(WebClient client) {
		this.client = client;
	}

	Mono<Boolean> isReady(ServiceInstance instance, String path) {
		return this.client.get()
			.uri(uri(instance, path))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value() == 200));
	}

	public static URI uri(ServiceInstance instance, String path) {
		String managementPort = instance.getMetadata().get(MANAGEMENT_PORT);
		int port = (managementPort != null) ? Integer.parseInt(managementPort) : instance.getPort();
		return UriComponentsBuilder.fromUri(instance.getUri()).port(port).replacePath(path).build().toUri();
	}

}
