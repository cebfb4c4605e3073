package io.statewise.gateway.routing;

import java.util.Comparator;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Keeps the ready instances in one order, whatever order their readiness checks answered
 * in. Spring Cloud's health-check step lists instances as their probes complete, so the
 * order changed with every poll, and round robin's "next position" could land on the same
 * instance twice in a row: a retry after a refused connection (the edge authentication's,
 * which has no record of the instance it tried) went back to the dead instance when a
 * poll reordered the list in between.
 */
final class StableOrder extends DelegatingServiceInstanceListSupplier {

	private static final Comparator<ServiceInstance> BY_URI = Comparator
		.comparing((ServiceInstance instance) -> instance.getUri().toString());

	StableOrder(ServiceInstanceListSupplier delegate) {
		super(delegate);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get().map(StableOrder::sorted);
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		return this.delegate.get(request).map(StableOrder::sorted);
	}

	private static List<ServiceInstance> sorted(List<ServiceInstance> instances) {
		return instances.stream().sorted(BY_URI).toList();
	}

}
