package io.statewise.gateway.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * What a route filter becomes when {@code statewise.gateway.filters-off} names it: every
 * request passes on untouched, so that a measurement (the lab's E7) can tell what the
 * filter costs. Said at startup, once per route, because a gateway without its limits or
 * circuits must not go unnoticed.
 */
public final class SwitchedOff {

	private static final Logger logger = LoggerFactory.getLogger(SwitchedOff.class);

	private SwitchedOff() {
	}

	public static GatewayFilter filter(GatewayProperties.RouteFilter filter, String route) {
		logger.warn("{} is switched off in route {} (statewise.gateway.filters-off): for measurements only", filter,
				route);
		return (exchange, chain) -> chain.filter(exchange);
	}

}
