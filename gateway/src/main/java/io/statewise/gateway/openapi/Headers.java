package io.statewise.gateway.openapi;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response headers the gateway adds, described once under {@code components/headers}
 * and referred to from every answer that carries them.
 */
final class Headers {

	static final String SERVED_BY = "X-Served-By";

	static final String RETRY_AFTER = "Retry-After";

	static final List<String> RATE_LIMIT = List.of("X-RateLimit-Remaining", "X-RateLimit-Burst-Capacity",
			"X-RateLimit-Replenish-Rate", "X-RateLimit-Requested-Tokens");

	/** A {@code 429} of the rate limit: when to retry, and the caller's bucket. */
	static final Set<String> RATE_LIMIT_ANSWER = Set.of(RETRY_AFTER, RATE_LIMIT.get(0), RATE_LIMIT.get(1),
			RATE_LIMIT.get(2), RATE_LIMIT.get(3));

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private Headers() {
	}

	static ObjectNode ref(String name) {
		return NODES.objectNode().put("$ref", "#/components/headers/" + name);
	}

	/** The definitions, for {@code components/headers}. */
	static ObjectNode components() {
		ObjectNode headers = NODES.objectNode();
		headers.set(SERVED_BY, header("The instance that served the request, service/host:port", "string",
				"inventory-service/inventory-1:8081"));
		headers.set(RETRY_AFTER, header("Seconds to wait before retrying", "integer", 1));
		headers.set(RATE_LIMIT.get(0), header("Tokens left in the caller's bucket on this route", "integer", 99));
		headers.set(RATE_LIMIT.get(1), header("The bucket's size: the largest burst", "integer", 100));
		headers.set(RATE_LIMIT.get(2), header("Tokens added to the bucket each second", "integer", 50));
		headers.set(RATE_LIMIT.get(3), header("Tokens one request takes", "integer", 1));
		return headers;
	}

	private static ObjectNode header(String description, String type, Object example) {
		ObjectNode header = NODES.objectNode().put("description", description);
		ObjectNode schema = header.putObject("schema").put("type", type);
		if (example instanceof Integer number) {
			schema.put("example", number);
		}
		else {
			schema.put("example", example.toString());
		}
		return header;
	}

}
