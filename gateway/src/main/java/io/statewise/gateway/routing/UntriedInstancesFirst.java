package io.statewise.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Leaves out the instances a request has already been sent to, so that a retry goes to
 * another instance whenever one is left (round robin alone does not promise it under
 * concurrent load). {@link ServedByFilter} records the instances tried in an exchange
 * attribute, which the gateway hands to the load balancer with each choice.
 */
final class UntriedInstancesFirst extends DelegatingServiceInstanceListSupplier {

	static final String TRIED_ATTRIBUTE = UntriedInstancesFirst.class.getName() + ".tried";

	UntriedInstancesFirst(ServiceInstanceListSupplier delegate) {
		super(delegate);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get();
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		Set<?> tried = tried(request);
		if (tried.isEmpty()) {
			return this.delegate.get(request);
		}
		return this.delegate.get(request).map((instances) -> {
			List<ServiceInstance> untried = instances.stream()
				.filter((instance) -> !tried.contains(instance.getInstanceId()))
				.toList();
			return untried.isEmpty() ? instances : untried;
		});
	}

	private static Set<?> tried(Request<?> request) {
		if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null) {
			Map<String, Object> attributes = context.getClientRequest().getAttributes();
			if (attributes != null && attributes.get(TRIED_ATTRIBUTE) instanceof Set<?> tried) {
				return tried;
			}
		}
		return Set.of();
	}

}
