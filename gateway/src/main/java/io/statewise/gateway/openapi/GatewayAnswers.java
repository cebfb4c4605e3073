package io.statewise.gateway.openapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.problem.ProblemTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;

/**
 * What the gateway adds to an operation of a route: the answers it gives itself, before
 * or instead of the service's (docs/gateway.md#errors), and the headers it puts on the
 * service's answers. An answer the service already describes keeps its description, and
 * the gateway's reasons for the same status are appended.
 */
final class GatewayAnswers {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String PROBLEM_SCHEMA = "#/components/schemas/ProblemDetail";

	static final String SESSION_SCHEME = "session";

	private static final Set<String> WRITES = Set.of("post", "put", "patch", "delete");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final GatewayProperties properties;

	GatewayAnswers(GatewayProperties properties) {
		this.properties = properties;
	}

	/** The gateway's answers and headers, added to one operation of the route. */
	void describe(PublicRoute route, String method, String path, ObjectNode operation) {
		ObjectNode responses = operation.withObjectProperty("responses");
		for (JsonNode served : responses.values()) {
			if (served.has("$ref")) {
				continue;
			}
			ObjectNode headers = ((ObjectNode) served).withObjectProperty("headers");
			headers.set(Headers.SERVED_BY, Headers.ref(Headers.SERVED_BY));
			if (route.rateLimit() != null) {
				Headers.RATE_LIMIT.forEach((name) -> headers.set(name, Headers.ref(name)));
			}
		}
		Map<Integer, List<Reason>> reasons = reasons(route, method, operation.has("requestBody"));
		reasons.forEach((status, why) -> add(responses, status, why, path));
		operation.set("responses", sorted(responses));
		if (route.authenticates(method) && !operation.has("security")) {
			operation.putArray("security").addObject().putArray(SESSION_SCHEME);
		}
	}

	private Map<Integer, List<Reason>> reasons(PublicRoute route, String method, boolean body) {
		Map<Integer, List<Reason>> reasons = new TreeMap<>();
		reason(reasons, 400, "Malformed path", "a path with dot segments, //, ; or an encoded separator; a "
				+ "header or framing that cannot be read; an invalid percent escape");
		reason(reasons, 414, "URI Too Long", "the request line (path and query) is over 4 KB");
		reason(reasons, 431, "Request Header Fields Too Large", "the request headers are over 8 KB");
		if (body) {
			reason(reasons, 413, "Request too large",
					"the body is over " + this.properties.maxRequestSize().toKilobytes() + " KB");
			reason(reasons, 408, "Request body incomplete", "the body did not arrive within "
					+ seconds(this.properties.clientTimeouts().bodyRead()) + "; the connection is closed");
		}
		if (WRITES.contains(method)) {
			reason(reasons, 403, "Cross-site request refused",
					"a cross-site write: Origin or Sec-Fetch-Site names another site");
		}
		if (route.authenticates(method)) {
			authentication(reasons);
		}
		if (route.rateLimit() != null) {
			reasons.computeIfAbsent(429, (status) -> new ArrayList<>())
				.add(new Reason("Too many requests", rateLimit(route, method), Headers.RATE_LIMIT_ANSWER));
		}
		if (route.timeLimit() != null) {
			reason(reasons, 503, "The service is unavailable",
					"no ready instance, the service refused "
							+ "connections or answered 502/503/504 without a problem, or its circuit is open (requests "
							+ "are paused: Retry-After)");
			reason(reasons, 504, "The service did not answer in time",
					"the service did not answer within the route's time limit, " + seconds(route.timeLimit()));
			reason(reasons, 502, "The service broke off its answer", "the connection to the service broke off");
		}
		else {
			reason(reasons, 503, "The service is unavailable", "no ready instance, or the service refused connections");
		}
		return reasons;
	}

	private void authentication(Map<Integer, List<Reason>> reasons) {
		GatewayProperties.IntrospectionLimit limit = this.properties.introspectionLimit();
		reason(reasons, 401, "Login required", "no SESSION cookie, or its session is not signed in");
		reason(reasons, 429, "Too many requests",
				"too many SESSION cookies the gateway has not seen signed in, from one client address (" + limit.burst()
						+ " at once, "
						+ java.math.BigDecimal.valueOf(limit.perSecond()).stripTrailingZeros().toPlainString()
						+ " a second)");
		reason(reasons, 503, "Sessions cannot be checked right now",
				"the session service cannot say who the SESSION cookie belongs to");
	}

	private static String rateLimit(PublicRoute route, String method) {
		Map<String, String> args = route.rateLimit();
		String rate = args.get("redis-rate-limiter.replenishRate");
		String burst = args.get("redis-rate-limiter.burstCapacity");
		String limits = (rate != null && burst != null) ? " (" + rate + " a second, bursts of " + burst + ")" : "";
		String key = route.authenticates(method) ? "signed-in user" : "client address";
		return "over the route's rate limit" + limits + " per " + key;
	}

	private static void reason(Map<Integer, List<Reason>> reasons, int status, String title, String why) {
		Set<String> headers = (status == 429 || status == 503) ? Set.of(Headers.RETRY_AFTER) : Set.of();
		reasons.computeIfAbsent(status, (key) -> new ArrayList<>()).add(new Reason(title, why, headers));
	}

	private static void add(ObjectNode responses, int status, List<Reason> reasons, String path) {
		String code = Integer.toString(status);
		List<String> why = reasons.stream().map(Reason::why).toList();
		String gateway = "From the gateway: " + String.join("; or ", why) + ".";
		ObjectNode response = (ObjectNode) responses.get(code);
		if (response == null) {
			response = responses.putObject(code);
			response.put("description", gateway);
		}
		else {
			String own = response.path("description").asString("").strip();
			String joined = own.endsWith(".") ? " " : ". ";
			response.put("description", own.isEmpty() ? gateway : own + joined + gateway);
		}
		Set<String> headers = new LinkedHashSet<>();
		reasons.forEach((reason) -> headers.addAll(reason.headers()));
		if (!headers.isEmpty()) {
			ObjectNode described = response.withObjectProperty("headers");
			headers.forEach((name) -> described.putIfAbsent(name, Headers.ref(name)));
		}
		ObjectNode problem = response.withObjectProperty("content").withObjectProperty(PROBLEM_JSON);
		problem.putIfAbsent("schema", NODES.objectNode().put("$ref", PROBLEM_SCHEMA));
		problem.putIfAbsent("example", example(status, reasons.get(0), path));
	}

	private static ObjectNode example(int status, Reason reason, String path) {
		String detail = Character.toUpperCase(reason.why().charAt(0)) + reason.why().substring(1) + ".";
		return NODES.objectNode()
			.put("type", ProblemTypes.of(reason.title()).toString())
			.put("title", reason.title())
			.put("status", status)
			.put("detail", detail)
			.put("instance", path);
	}

	/** The node's properties in the order of their names. */
	static ObjectNode sorted(ObjectNode node) {
		ObjectNode sorted = NODES.objectNode();
		node.propertyNames().stream().sorted().forEach((name) -> sorted.set(name, node.get(name)));
		return sorted;
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/**
	 * One of the gateway's reasons to answer a status, and the headers it sends with it.
	 */
	private record Reason(String title, String why, Set<String> headers) {

	}

}
