package io.statewise.gateway.openapi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

/**
 * What a client meets on one gateway route, read from its definition: which service it
 * leads to, the public paths it takes (the service maps the same paths: no route rewrites
 * them), and the filters that can answer for the service.
 *
 * @param id the route id
 * @param service the load-balanced service ({@code lb://<service>})
 * @param paths the route's {@code Path} patterns
 * @param authenticated the methods {@code EdgeAuthentication} needs a user for (empty:
 * none; {@link #ALL_METHODS}: every one)
 * @param rateLimit the {@code RateLimit} filter's arguments, if the route has one
 * @param timeLimit the time limit of its {@code HealthCircuitBreaker}, if it has one
 */
record PublicRoute(String id, String service, List<PathPattern> paths, Set<String> authenticated,
		@Nullable Map<String, String> rateLimit, @Nullable Duration timeLimit) {

	static final Set<String> ALL_METHODS = Set.of("*");

	/** Whether the route takes the path (one of its {@code Path} patterns matches). */
	boolean takes(String path) {
		PathContainer parsed = PathContainer.parsePath(path);
		return this.paths.stream().anyMatch((pattern) -> pattern.matches(parsed));
	}

	/** Whether {@code EdgeAuthentication} needs a user for the method (any case). */
	boolean authenticates(String method) {
		return this.authenticated.equals(ALL_METHODS)
				|| this.authenticated.contains(method.toUpperCase(java.util.Locale.ROOT));
	}

}
