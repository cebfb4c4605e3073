package io.statewise.gateway.openapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway's load-balanced routes as {@link PublicRoute}s, read from their definitions
 * ({@code spring.cloud.gateway.server.webflux.routes}), so that the description follows
 * the configuration: a route that gains a rate limit or loses its authentication is
 * described so without anyone editing the description.
 */
@Component
class PublicRoutes {

	private final RouteDefinitionLocator definitions;

	private final ObjectProvider<TimeLimiterRegistry> timeLimiters;

	PublicRoutes(RouteDefinitionLocator definitions, ObjectProvider<TimeLimiterRegistry> timeLimiters) {
		this.definitions = definitions;
		this.timeLimiters = timeLimiters;
	}

	Mono<List<PublicRoute>> routes() {
		return this.definitions.getRouteDefinitions()
			.filter((route) -> "lb".equals(route.getUri().getScheme()))
			.map(this::route)
			.collectList();
	}

	private PublicRoute route(RouteDefinition route) {
		List<String> paths = new ArrayList<>();
		route.getPredicates()
			.stream()
			.filter((predicate) -> predicate.getName().equals("Path"))
			.map(PredicateDefinition::getArgs)
			.forEach((args) -> paths.addAll(values(args, "")));
		Set<String> authenticated = Set.of();
		Map<String, String> rateLimit = null;
		Duration timeLimit = null;
		for (FilterDefinition filter : route.getFilters()) {
			Map<String, String> args = filter.getArgs();
			switch (filter.getName()) {
				case "EdgeAuthentication" -> authenticated = methods(args);
				case "RateLimit" -> rateLimit = new LinkedHashMap<>(args);
				case "HealthCircuitBreaker" -> timeLimit = timeLimit(args.getOrDefault("name", route.getId()));
				default -> {
				}
			}
		}
		return new PublicRoute(route.getId(), route.getUri().getHost(),
				paths.stream().map(PathPatternParser.defaultInstance::parse).toList(), authenticated, rateLimit,
				timeLimit);
	}

	private static Set<String> methods(Map<String, String> args) {
		Set<String> methods = values(args, "methods").stream()
			.map((method) -> method.toUpperCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		return methods.isEmpty() ? PublicRoute.ALL_METHODS : methods;
	}

	/**
	 * The comma-separated values of the arguments whose names start with {@code prefix}
	 * ({@code methods}, {@code methods[0]}, or a shortcut's {@code _genkey_0}).
	 */
	private static List<String> values(Map<String, String> args, String prefix) {
		List<String> values = new ArrayList<>();
		args.forEach((name, value) -> {
			if (name.startsWith(prefix)) {
				for (String one : StringUtils.commaDelimitedListToStringArray(value)) {
					if (StringUtils.hasText(one)) {
						values.add(one.trim());
					}
				}
			}
		});
		return values;
	}

	private Duration timeLimit(String name) {
		TimeLimiterRegistry registry = this.timeLimiters.getIfAvailable();
		if (registry == null) {
			return TimeLimiterConfig.ofDefaults().getTimeoutDuration();
		}
		return registry.find(name)
			.map(TimeLimiter::getTimeLimiterConfig)
			.orElse(registry.getDefaultConfig())
			.getTimeoutDuration();
	}

}
