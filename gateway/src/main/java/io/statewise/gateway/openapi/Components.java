package io.statewise.gateway.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The components of several services' descriptions in one: a component that two services
 * name alike but define differently (session-service's {@code Line} is not
 * order-service's) is renamed in the later one, with the service's name in front
 * ({@code SessionServiceLine}), and every reference to it follows; components no public
 * operation refers to (those of {@code /internal/**}) are left out.
 */
final class Components {

	private static final String PREFIX = "#/components/";

	private static final String SECURITY_SCHEMES = "securitySchemes";

	private final ObjectNode merged = JsonNodeFactory.instance.objectNode();

	/**
	 * Renames, in the service's document, the components that clash with those merged so
	 * far, and merges its components.
	 */
	void merge(String service, ObjectNode document) {
		ObjectNode theirs = document.withObjectProperty("components");
		Map<String, String> renames;
		do {
			renames = clashes(service, theirs);
			rename(document, theirs, renames);
		}
		while (!renames.isEmpty());
		theirs.properties()
			.forEach((kind) -> kind.getValue()
				.properties()
				.forEach((named) -> this.merged.withObjectProperty(kind.getKey())
					.putIfAbsent(named.getKey(), named.getValue())));
	}

	/** Adds a component unless one of that name is there. */
	void add(String kind, String name, JsonNode definition) {
		this.merged.withObjectProperty(kind).putIfAbsent(name, definition);
	}

	/** The merged components that {@code paths} refer to, directly or through others. */
	ObjectNode referencedFrom(JsonNode paths) {
		Set<String> reached = new HashSet<>();
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(paths);
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			String ref = node.path("$ref").asString("");
			if (ref.startsWith(PREFIX) && reached.add(ref)) {
				pending.push(this.merged.at("/" + ref.substring(PREFIX.length())));
			}
			node.path("security")
				.forEach((requirement) -> requirement.propertyNames()
					.forEach((scheme) -> reached.add(PREFIX + SECURITY_SCHEMES + "/" + scheme)));
			node.forEach(pending::push);
		}
		ObjectNode kept = JsonNodeFactory.instance.objectNode();
		this.merged.properties().forEach((kind) -> kind.getValue().properties().forEach((named) -> {
			if (reached.contains(PREFIX + kind.getKey() + "/" + named.getKey())) {
				kept.withObjectProperty(kind.getKey()).set(named.getKey(), named.getValue());
			}
		}));
		return kept;
	}

	/**
	 * References to rename: {@code #/components/schemas/Line} to
	 * {@code …/SessionServiceLine}.
	 */
	private Map<String, String> clashes(String service, ObjectNode theirs) {
		Map<String, String> renames = new HashMap<>();
		theirs.properties().forEach((kind) -> {
			if (kind.getKey().equals(SECURITY_SCHEMES)) {
				// referred to by name, not $ref: the first service's scheme is kept
				return;
			}
			kind.getValue().properties().forEach((named) -> {
				JsonNode ours = this.merged.path(kind.getKey()).get(named.getKey());
				if (ours != null && !ours.equals(named.getValue())) {
					renames.put(PREFIX + kind.getKey() + "/" + named.getKey(), PREFIX + kind.getKey() + "/"
							+ unique(kind.getKey(), pascal(service) + named.getKey(), kind.getValue()));
				}
			});
		});
		return renames;
	}

	private String unique(String kind, String name, JsonNode theirs) {
		String candidate = name;
		for (int i = 2; this.merged.path(kind).has(candidate) || theirs.has(candidate); i++) {
			candidate = name + i;
		}
		return candidate;
	}

	private static void rename(ObjectNode document, ObjectNode theirs, Map<String, String> renames) {
		if (renames.isEmpty()) {
			return;
		}
		renames.forEach((from, to) -> {
			String[] source = from.substring(PREFIX.length()).split("/", 2);
			ObjectNode kind = (ObjectNode) theirs.get(source[0]);
			kind.set(to.substring(to.lastIndexOf('/') + 1), kind.remove(source[1]));
		});
		Deque<JsonNode> pending = new ArrayDeque<>();
		pending.push(document);
		while (!pending.isEmpty()) {
			JsonNode node = pending.pop();
			String to = renames.get(node.path("$ref").asString(""));
			if (to != null) {
				((ObjectNode) node).put("$ref", to);
			}
			node.forEach(pending::push);
		}
	}

	/** {@code session-service}: {@code SessionService}. */
	static String pascal(String service) {
		StringBuilder name = new StringBuilder();
		for (String part : service.split("[^A-Za-z0-9]+")) {
			if (!part.isEmpty()) {
				name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
			}
		}
		return name.toString();
	}

}
