package io.statewise.gateway.openapi;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/openapi} on the management port, where every service publishes its
 * own: the store's public API through the gateway, with the gateway's public address as
 * its server. {@code 503} while a service's description was never fetched.
 */
@Component
@Endpoint(id = "openapi")
class OpenApiEndpoint {

	private final StoreApi api;

	private final OpenApiProperties properties;

	OpenApiEndpoint(StoreApi api, OpenApiProperties properties) {
		this.api = api;
		this.properties = properties;
	}

	@ReadOperation(produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<WebEndpointResponse<Object>> openapi() {
		return this.api.describe(this.properties.publicUrl()).map((description) -> {
			if (description instanceof StoreApi.Description.Incomplete incomplete) {
				return new WebEndpointResponse<>(Map.of("title", OpenApiController.INCOMPLETE, "status", 503, "detail",
						OpenApiController.detail(incomplete)), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
			}
			return new WebEndpointResponse<>(((StoreApi.Description.Complete) description).document());
		});
	}

}
