package io.statewise.gateway.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.statewise.gateway.system.GatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The store's public API as a client sees it through the gateway: the routes as
 * configured, their services' descriptions as last fetched, composed on every request (a
 * few milliseconds; the services' descriptions are what is cached).
 */
@Component
class StoreApi {

	private final PublicRoutes routes;

	private final ServiceDescriptions descriptions;

	private final StoreDescription composer;

	StoreApi(PublicRoutes routes, ServiceDescriptions descriptions, GatewayProperties properties) {
		this.routes = routes;
		this.descriptions = descriptions;
		this.composer = new StoreDescription(new GatewayAnswers(properties));
	}

	/**
	 * The description naming {@code serverUrl} as its server, unless a service has none.
	 */
	Mono<Description> describe(String serverUrl) {
		return this.routes.routes().flatMap((routes) -> {
			List<String> services = routes.stream().map(PublicRoute::service).distinct().toList();
			return Flux.fromIterable(services)
				.flatMapSequential((service) -> this.descriptions.description(service)
					.map((description) -> Map.entry(service, description)))
				.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap<String, JsonNode>::new)
				.map((fetched) -> compose(routes, services, fetched, serverUrl));
		});
	}

	private Description compose(List<PublicRoute> routes, List<String> services, Map<String, JsonNode> fetched,
			String serverUrl) {
		List<String> missing = services.stream().filter((service) -> !fetched.containsKey(service)).toList();
		if (!missing.isEmpty()) {
			return new Description.Incomplete(missing);
		}
		return new Description.Complete(this.composer.compose(routes, fetched, serverUrl));
	}

	/** The whole description, or the services none could be had from yet. */
	sealed interface Description {

		record Complete(ObjectNode document) implements Description {

		}

		record Incomplete(List<String> missing) implements Description {

		}

	}

}
