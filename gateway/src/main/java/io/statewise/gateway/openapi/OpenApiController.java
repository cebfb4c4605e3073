package io.statewise.gateway.openapi;

import io.statewise.support.problem.ProblemException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/openapi.json}: the store's public API for client generators, which
 * cannot reach the management port. Its server is {@code /}: the gateway, at whatever
 * address the client used. Nothing internal is in it: only routed paths, and the
 * components they use.
 */
@RestController
class OpenApiController {

	static final String PATH = "/api/openapi.json";

	static final String INCOMPLETE = "API description incomplete";

	private final StoreApi api;

	OpenApiController(StoreApi api) {
		this.api = api;
	}

	@GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ObjectNode> openapi() {
		return this.api.describe("/").map((description) -> {
			if (description instanceof StoreApi.Description.Incomplete incomplete) {
				throw incomplete(incomplete);
			}
			return ((StoreApi.Description.Complete) description).document();
		});
	}

	private static RuntimeException incomplete(StoreApi.Description.Incomplete incomplete) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "5");
		return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, INCOMPLETE, detail(incomplete)).headers(headers);
	}

	static String detail(StoreApi.Description.Incomplete incomplete) {
		return "No description could be had yet from " + String.join(", ", incomplete.missing())
				+ "; try again in a moment.";
	}

}
