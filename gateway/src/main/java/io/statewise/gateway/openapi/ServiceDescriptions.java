package io.statewise.gateway.openapi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationRegistry;
import io.statewise.support.instances.ManagementPort;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Each service's own OpenAPI description, from the management port of one of its ready
 * instances ({@code /actuator/openapi}), fetched when first needed and again once it is
 * older than {@code statewise.gateway.openapi.refresh}; concurrent requests share one
 * fetch. While no instance can give it, the last one fetched is used: a service that is
 * down is still described as it was. Empty only if it was never fetched.
 */
@Component
class ServiceDescriptions {

	static final String PATH = "/actuator/openapi";

	private static final Log logger = LogFactory.getLog(ServiceDescriptions.class);

	/** How long a failed fetch is remembered before the next request tries again. */
	private static final Duration FAILURE_REMEMBERED = Duration.ofSeconds(1);

	private final LoadBalancerClientFactory balancers;

	private final WebClient client;

	private final JsonMapper json;

	private final OpenApiProperties properties;

	private final Map<String, Source> sources = new ConcurrentHashMap<>();

	ServiceDescriptions(LoadBalancerClientFactory balancers, WebClient.Builder builder, JsonMapper json,
			OpenApiProperties properties) {
		this.balancers = balancers;
		// not observed as http.client.requests: the routing observation uses that name
		// with other tags (see SessionIntrospection)
		this.client = builder.clone()
			.observationRegistry(ObservationRegistry.NOOP)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		this.json = json;
		this.properties = properties;
	}

	/** The service's description, or empty if none was ever fetched. */
	Mono<JsonNode> description(String service) {
		return this.sources.computeIfAbsent(service, Source::new).get();
	}

	private Mono<JsonNode> fetch(String service) {
		ServiceInstanceListSupplier instances = this.balancers.getInstance(service, ServiceInstanceListSupplier.class);
		if (instances == null) {
			return Mono.error(new IllegalStateException("No load balancer for " + service));
		}
		return instances.get()
			.next()
			.flatMapMany(Flux::fromIterable)
			.concatMap(this::fetch)
			.next()
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"No ready instance of " + service + " gave its OpenAPI description")))
			.timeout(this.properties.fetchTimeout());
	}

	private Mono<JsonNode> fetch(ServiceInstance instance) {
		return this.client.get()
			.uri(ManagementPort.uri(instance, PATH))
			.retrieve()
			.bodyToMono(String.class)
			.map(this.json::readTree)
			.filter((document) -> document.path("openapi").isString() && document.path("paths").isObject())
			.onErrorResume((failure) -> {
				logger.debug("No OpenAPI description from " + instance.getUri() + ": " + failure);
				return Mono.empty();
			});
	}

	/**
	 * One service's description: the fetch shared while it is fresh, and the last one.
	 */
	private final class Source {

		private final String service;

		private final AtomicReference<JsonNode> last = new AtomicReference<>();

		private final Mono<JsonNode> fetched;

		Source(String service) {
			this.service = service;
			this.fetched = fetch(service).doOnNext(this.last::set)
				.doOnError(this::stale)
				.cache((document) -> ServiceDescriptions.this.properties.refresh(), (failure) -> FAILURE_REMEMBERED,
						() -> FAILURE_REMEMBERED);
		}

		Mono<JsonNode> get() {
			return this.fetched.onErrorResume((failure) -> Mono.justOrEmpty(this.last.get()));
		}

		private void stale(Throwable failure) {
			if (this.last.get() != null) {
				logger.warn("Describing " + this.service + " as it was last fetched: " + failure.getMessage());
			}
		}

	}

}
