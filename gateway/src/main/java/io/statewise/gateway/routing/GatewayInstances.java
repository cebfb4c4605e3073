package io.statewise.gateway.routing;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.instances.ReadyInstancesCustomizer;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the gateway adds to every service's list of ready instances (service-support's
 * {@code ReadyInstances}: the configured instances whose readiness answers on their
 * management port): all of them when none is ready ({@link AllWhenNoneReady}), a stable
 * order, for session-service in {@code memory} mode the browser's own instance (and no
 * other when its session lives there: {@link HolderOrNone}), and instances not yet tried
 * first.
 */
@Component
class GatewayInstances implements ReadyInstancesCustomizer {

	static final String SESSION_SERVICE = "session-service";

	private final boolean stickySessions;

	GatewayInstances(GatewayProperties properties) {
		this.stickySessions = properties.stickySessions();
	}

	/** Whether the request was routed to session-service. */
	static boolean toSessionService(ServerWebExchange exchange) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		return route != null && SESSION_SERVICE.equals(route.getId());
	}

	@Override
	public ServiceInstanceListSupplierBuilder customize(ServiceInstanceListSupplierBuilder ready, String service) {
		// the readiness check is ReadyInstances' last step: the delegate here
		ServiceInstanceListSupplierBuilder builder = ready
			.with((ctx, delegate) -> new AllWhenNoneReady((HealthCheckServiceInstanceListSupplier) delegate))
			.with((ctx, delegate) -> new StableOrder(delegate));
		if (SESSION_SERVICE.equals(service) && this.stickySessions) {
			// before "untried first": a retry stays on the instance that holds the
			// session while it is in rotation, and goes nowhere once it is not: no other
			// instance knows the session
			builder = builder.withRequestBasedStickySession()
				.with((ctx, delegate) -> new HolderOrNone(delegate, ctx.getBean(SessionAffinity.class)));
		}
		return builder.with((ctx, delegate) -> new UntriedInstancesFirst(delegate));
	}

}
