package io.statewise.gateway.openapi;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Composes the store's public API from the services' descriptions: each operation that a
 * route leads to, on the route's public path, with the gateway's own answers
 * ({@link GatewayAnswers}). A service's path is public when one of the routes to that
 * service takes it (its {@code Path} patterns): every service maps its public paths
 * itself, and no route rewrites them. Anything else, {@code /internal/**} first, is left
 * out, and so are the components only such paths used.
 */
final class StoreDescription {

	private static final Log logger = LogFactory.getLog(StoreDescription.class);

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final GatewayAnswers answers;

	StoreDescription(GatewayAnswers answers) {
		this.answers = answers;
	}

	/**
	 * The description of the routes, from their services' descriptions (by service).
	 */
	ObjectNode compose(List<PublicRoute> routes, Map<String, JsonNode> services, String serverUrl) {
		ObjectNode paths = NODES.objectNode();
		Components components = new Components();
		Map<String, ObjectNode> tags = new LinkedHashMap<>();
		Set<String> operationIds = new HashSet<>();
		for (Map.Entry<String, JsonNode> service : services.entrySet()) {
			ObjectNode document = (ObjectNode) service.getValue().deepCopy();
			components.merge(service.getKey(), document);
			List<PublicRoute> theirs = routes.stream()
				.filter((route) -> route.service().equals(service.getKey()))
				.toList();
			document.path("paths").properties().forEach((path) -> {
				String publicPath = path.getKey();
				PublicRoute route = publicPath.startsWith("/internal") ? null : route(theirs, publicPath);
				if (route == null) {
					logger.debug(service.getKey() + " " + publicPath + " is not routed by the gateway: left out");
					return;
				}
				ObjectNode item = (ObjectNode) path.getValue();
				item.remove("servers");
				paths.set(publicPath, item);
				for (String method : List.copyOf(item.propertyNames())) {
					if (METHODS.contains(method)) {
						operation(service.getKey(), route, method, publicPath, (ObjectNode) item.get(method),
								operationIds);
					}
				}
			});
			document.path("tags").forEach((tag) -> tags.putIfAbsent(tag.path("name").asString(), (ObjectNode) tag));
		}
		components.add("schemas", "ProblemDetail", problemSchema());
		components.add("securitySchemes", GatewayAnswers.SESSION_SCHEME, sessionScheme());
		Headers.components()
			.properties()
			.forEach((header) -> components.add("headers", header.getKey(), header.getValue()));
		return document(paths, components.referencedFrom(paths), used(tags, paths), serverUrl);
	}

	private void operation(String service, PublicRoute route, String method, String path, ObjectNode operation,
			Set<String> operationIds) {
		operation.remove("servers");
		String id = operation.path("operationId").asString("");
		if (!id.isEmpty() && !operationIds.add(id)) {
			String unique = camel(service) + Character.toUpperCase(id.charAt(0)) + id.substring(1);
			operation.put("operationId", unique);
			operationIds.add(unique);
		}
		this.answers.describe(route, method, path, operation);
	}

	private static @Nullable PublicRoute route(List<PublicRoute> routes, String path) {
		return routes.stream().filter((route) -> route.takes(path)).findFirst().orElse(null);
	}

	private static ArrayNode used(Map<String, ObjectNode> tags, JsonNode paths) {
		Set<String> names = new HashSet<>();
		paths.forEach((item) -> item
			.forEach((operation) -> operation.path("tags").forEach((tag) -> names.add(tag.asString()))));
		ArrayNode used = NODES.arrayNode();
		tags.forEach((name, tag) -> {
			if (names.contains(name)) {
				used.add(tag);
			}
		});
		return used;
	}

	private static ObjectNode document(ObjectNode paths, ObjectNode components, ArrayNode tags, String serverUrl) {
		ObjectNode document = NODES.objectNode().put("openapi", "3.0.1");
		document.putObject("info")
			.put("title", "Statewise store API")
			.put("version", "1")
			.put("description", "The store's public API through its only door, the gateway. Every error is "
					+ "application/problem+json (RFC 9457). Every answer carries the gateway's security headers "
					+ "(Content-Security-Policy, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, "
					+ "Cross-Origin-Opener-Policy, Permissions-Policy). Composed by the gateway from the services' "
					+ "own descriptions.");
		document.putArray("servers").addObject().put("url", serverUrl).put("description", "the gateway");
		if (!tags.isEmpty()) {
			document.set("tags", tags);
		}
		document.set("paths", GatewayAnswers.sorted(paths));
		document.set("components", components);
		return document;
	}

	private static String camel(String service) {
		String pascal = Components.pascal(service);
		return pascal.isEmpty() ? pascal : Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
	}

	/**
	 * RFC 9457, for the gateway's own answers when no service has described its problems.
	 */
	private static ObjectNode problemSchema() {
		ObjectNode schema = NODES.objectNode().put("type", "object").put("description", "An error, as RFC 9457");
		ObjectNode properties = schema.putObject("properties");
		for (String member : List.of("type", "title", "detail", "instance")) {
			properties.putObject(member).put("type", "string");
		}
		properties.putObject("status").put("type", "integer");
		return schema.put("additionalProperties", true);
	}

	private static ObjectNode sessionScheme() {
		return NODES.objectNode()
			.put("type", "apiKey")
			.put("in", "cookie")
			.put("name", "SESSION")
			.put("description", "The session cookie login sets");
	}

}
