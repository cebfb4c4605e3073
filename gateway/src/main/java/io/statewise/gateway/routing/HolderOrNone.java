package io.statewise.gateway.routing;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Session {@code memory} mode, after the sticky step: a request whose session lives in
 * one session-service instance goes to that instance or to none. Spring Cloud's sticky
 * step falls back to the whole list when the cookie's instance is not in it, which is
 * right for a browser without a session and wrong for one with: a retry of a request
 * refused by the dead holder, chosen after a readiness round dropped the holder, reached
 * the other instance and was answered {@code 200} with a new, empty session instead of
 * {@code 401 Session lost}. With no instance the retry is answered {@code 503}, and the
 * browser's next request {@code 401} by {@link LostSessionFilter}. A sticky cookie that
 * names no configured instance (a stack started since) moves as before.
 */
final class HolderOrNone extends DelegatingServiceInstanceListSupplier {

	private final SessionAffinity affinity;

	HolderOrNone(ServiceInstanceListSupplier delegate, SessionAffinity affinity) {
		super(delegate);
		this.affinity = affinity;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get();
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		String holder = (request.getContext() instanceof RequestDataContext context
				&& context.getClientRequest() != null) ? this.affinity.holder(context.getClientRequest().getCookies())
						: null;
		if (holder == null) {
			return this.delegate.get(request);
		}
		return this.delegate.get(request).concatMap((instances) -> {
			if (instances.stream().anyMatch((instance) -> holder.equals(instance.getInstanceId()))) {
				return Mono.just(instances);
			}
			return this.affinity.isInstance(holder).map((known) -> known ? List.<ServiceInstance>of() : instances);
		});
	}

}
