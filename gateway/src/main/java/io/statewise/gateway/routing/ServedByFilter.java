package io.statewise.gateway.routing;

import java.util.HashSet;
import java.util.Set;

import io.statewise.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * After the load balancer has chosen: says which instance serves the request
 * ({@code X-Served-By: service/host:port}), remembers it for
 * {@link UntriedInstancesFirst}, and, when sessions are sticky, pins the browser to its
 * session-service instance with LoadBalancer's {@code sc-lb-instance-id} cookie.
 */
@Component
class ServedByFilter implements GlobalFilter, Ordered {

	static final String SERVED_BY = "X-Served-By";

	private final boolean sticky;

	private final String stickyCookie;

	ServedByFilter(GatewayProperties properties, SessionAffinity affinity) {
		this.sticky = properties.stickySessions();
		this.stickyCookie = affinity.stickyCookie();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Response<ServiceInstance> choice = exchange
			.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
		if (choice != null && choice.hasServer()) {
			ServiceInstance instance = choice.getServer();
			exchange.getResponse()
				.getHeaders()
				.set(SERVED_BY, instance.getServiceId() + "/" + instance.getInstanceId());
			tried(exchange).add(instance.getInstanceId());
			if (this.sticky && GatewayInstances.toSessionService(exchange)) {
				exchange.getResponse()
					.addCookie(ResponseCookie.from(this.stickyCookie, instance.getInstanceId())
						.path("/")
						.httpOnly(true)
						.sameSite("Lax")
						.build());
			}
		}
		return chain.filter(exchange);
	}

	@SuppressWarnings("unchecked")
	private static Set<String> tried(ServerWebExchange exchange) {
		return (Set<String>) exchange.getAttributes()
			.computeIfAbsent(UntriedInstancesFirst.TRIED_ATTRIBUTE, (key) -> new HashSet<String>());
	}

	@Override
	public int getOrder() {
		return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
	}

}
