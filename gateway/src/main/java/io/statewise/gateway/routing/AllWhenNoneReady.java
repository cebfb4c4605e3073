package io.statewise.gateway.routing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;

/**
 * The ready instances, or every instance when none is ready: Envoy's "panic routing".
 * When all instances of a service fail readiness together, they share a cause
 * (session-service's Redis primary died, say) and each still answers for itself, at once,
 * with its own {@code 503}. Dropping them all made the gateway answer its fallback
 * instead, and, worse, kept answering it after the cause was gone until the next
 * readiness poll (up to a second plus the probe) brought an instance back; routed anyway,
 * the first request after a Redis promotion is served. A single unready instance still
 * leaves rotation: panic starts only at zero. Requests that reach a dead instance fail as
 * they would on a just-died ready one (refused: retried elsewhere where safe; the circuit
 * breaker counts it).
 */
final class AllWhenNoneReady extends DelegatingServiceInstanceListSupplier {

	private final HealthCheckServiceInstanceListSupplier ready;

	AllWhenNoneReady(HealthCheckServiceInstanceListSupplier ready) {
		super(ready);
		this.ready = ready;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.combineLatest(this.ready.get(), this.ready.getDelegate().get(), AllWhenNoneReady::choose);
	}

	private static List<ServiceInstance> choose(List<ServiceInstance> ready, List<ServiceInstance> all) {
		return ready.isEmpty() ? all : ready;
	}

}
