package io.statewise.support.instances;

import java.net.URI;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where an instance answers its management paths (readiness, the OpenAPI description):
 * the port its {@value #METADATA} metadata names, else its service port. Spring Cloud
 * LoadBalancer's own health check knows one port per service, but two local instances of
 * a service have different management ports.
 */
public final class ManagementPort {

	/** The instance metadata that names its management port. */
	public static final String METADATA = "management-port";

	private ManagementPort() {
	}

	/** The URI of a management path of the instance. */
	public static URI uri(ServiceInstance instance, String path) {
		String port = instance.getMetadata().get(METADATA);
		return UriComponentsBuilder.fromUri(instance.getUri())
			.port((port != null) ? Integer.parseInt(port) : instance.getPort())
			.replacePath(path)
			.build()
			.toUri();
	}

}
