package io.statewise.testkit;

import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A service's (or the gateway's) OpenAPI description, as its management port serves it,
 * and the checks that make it usable by client generators and contract-testing tools: no
 * {@code *}{@code /*} media type, errors described as problem+json, an example for every
 * path parameter, a handler behind every documented operation, and no answer it does not
 * list. Each check returns what breaks it, so a failing test names the operations.
 */
public final class OpenApiDescription {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private final JsonNode document;

	private OpenApiDescription(JsonNode document) {
		this.document = document;
	}

	/**
	 * {@code GET /actuator/openapi} on a management port, as {@link #published} answers
	 * it; anything but {@code 200} throws.
	 */
	public static OpenApiDescription fetch(int managementPort) {
		EntityExchangeResult<String> answer = published(TestClients.to(managementPort), "/actuator/openapi");
		if (answer.getStatus().value() != 200) {
			throw new IllegalStateException("No OpenAPI description: " + answer);
		}
		return new OpenApiDescription(JSON.readTree(answer.getResponseBody()));
	}

	/**
	 * The gateway's answer at one of its description's addresses
	 * ({@code /actuator/openapi} on the management port, {@code /api/openapi.json}
	 * through the store). It is {@code 503} "API description incomplete" until the
	 * gateway has fetched every service's description once (on first need, each within a
	 * few seconds: a service builds its description on its first call, slowly on a busy
	 * machine); that answer is waited out, as its {@code Retry-After} asks, for up to a
	 * minute.
	 */
	public static EntityExchangeResult<String> published(RestTestClient client, String path) {
		return Awaitility.await()
			.atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> client.get().uri(path).exchange().returnResult(String.class),
					(answer) -> answer.getStatus().value() != 503);
	}

	public JsonNode document() {
		return this.document;
	}

	/**
	 * The committed copy of a service's description, {@code docs/openapi/<service>.json}:
	 * what the gateway's tests compose and order-service's fake inventory answers by.
	 * Each service's {@link OpenApiContractTests} keeps it equal to the live one.
	 */
	public static OpenApiDescription committed(String service) {
		return new OpenApiDescription(JSON.readTree(committedCopy(service).toFile()));
	}

	static Path committedCopy(String service) {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Not inside the repository: no mvnw above " + Path.of("").toAbsolutePath());
		}
		return dir.resolve("docs/openapi/" + service + ".json");
	}

	/**
	 * The description without its {@code servers}, which name the ports it was served
	 * from: what two runs of the same code must agree on.
	 */
	public JsonNode withoutServers() {
		JsonNode copy = this.document.deepCopy();
		removeServers(copy);
		return copy;
	}

	private static void removeServers(JsonNode node) {
		if (node instanceof tools.jackson.databind.node.ObjectNode object) {
			object.remove("servers");
		}
		node.forEach(OpenApiDescription::removeServers);
	}

	/** Writes the description as the committed copies are written (indented). */
	public void write(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this.document) + "\n");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** Every operation, e.g. {@code GET /api/catalog/products/{id}}. */
	public List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		this.document.path("paths").properties().forEach((path) -> {
			for (String method : METHODS) {
				JsonNode operation = path.getValue().path(method);
				if (operation.isObject()) {
					operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), operation,
							parameters(path.getValue(), operation)));
				}
			}
		});
		return operations;
	}

	/** Where a {@code *}{@code /*} media type is named, as JSON pointers. */
	public List<String> wildcardMediaTypes() {
		List<String> found = new ArrayList<>();
		collectWildcards(this.document, "", found);
		return found;
	}

	/** Operations without a 4xx answer described as {@code application/problem+json}. */
	public List<String> operationsWithoutProblemResponse() {
		return operations().stream().filter((operation) -> {
			for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
				if (response.getKey().startsWith("4")
						&& response.getValue().path("content").has("application/problem+json")) {
					return false;
				}
			}
			return true;
		}).map(Operation::toString).toList();
	}

	/**
	 * Problem examples whose {@code type} is not the one their {@code title} names
	 * ({@code urn:statewise:problem:} and the title in kebab case, docs/problems.md), as
	 * {@code GET /path 404}.
	 */
	public List<String> problemExamplesOfAnotherType() {
		List<String> found = new ArrayList<>();
		for (Operation operation : operations()) {
			for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
				JsonNode example = response.getValue().path("content").path("application/problem+json").path("example");
				String title = example.path("title").asString("");
				String kebab = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
				if (example.has("type") && !example.path("type").asString().equals("urn:statewise:problem:" + kebab)) {
					found.add(operation + " " + response.getKey() + ": " + example.path("type").asString());
				}
			}
		}
		return found;
	}

	/** Path parameters with no example, as {@code GET /path: name}. */
	public List<String> pathParametersWithoutExample() {
		List<String> missing = new ArrayList<>();
		for (Operation operation : operations()) {
			for (JsonNode parameter : operation.parameters()) {
				if ("path".equals(parameter.path("in").asString()) && example(parameter) == null) {
					missing.add(operation + ": " + parameter.path("name").asString());
				}
			}
		}
		return missing;
	}

	/**
	 * Parameters that name who is calling ({@code X-User-*}, a {@code caller}): clients
	 * never send one, they send the session cookie and the gateway signs the rest.
	 */
	public List<String> callerParameters() {
		List<String> named = new ArrayList<>();
		for (Operation operation : operations()) {
			for (JsonNode parameter : operation.parameters()) {
				String name = parameter.path("name").asString().toLowerCase(Locale.ROOT);
				if (name.startsWith("x-user-") || name.equals("caller") || name.startsWith("caller.")) {
					named.add(operation + ": " + parameter.path("name").asString());
				}
			}
		}
		return named;
	}

	/** Operations whose JSON request body has no example. */
	public List<String> requestBodiesWithoutExample() {
		return operations().stream().filter((operation) -> {
			JsonNode json = operation.node().path("requestBody").path("content").path("application/json");
			return operation.node().has("requestBody") && !json.has("example") && json.path("examples").isEmpty();
		}).map(Operation::toString).toList();
	}

	/**
	 * Operations the service has no handler for: requested with the examples of their
	 * parameters (and no body), they answer {@code 405}, or a {@code 404} that is
	 * Spring's "no handler" ({@code title} "Not Found"), not the operation's own 404
	 * ("Unknown product").
	 * @param headers sent with every request, e.g. a signed identity
	 */
	public List<String> operationsWithoutHandler(int port, String... headers) {
		List<String> missing = new ArrayList<>();
		for (Operation operation : operations()) {
			EntityExchangeResult<String> answer = send(port, operation, null, List.of(headers));
			String body = Objects.requireNonNullElse(answer.getResponseBody(), "");
			int status = answer.getStatus().value();
			boolean noHandler = status == 405 || (status == 404
					&& (body.isEmpty() || "Not Found".equals(JSON.readTree(body).path("title").asString())));
			if (noHandler) {
				missing.add(operation + " answered " + status + " " + body);
			}
		}
		return missing;
	}

	/**
	 * Answers the description does not list: each operation, requested with its examples
	 * (path, query and header parameters, JSON body), answers a status the operation does
	 * not describe, or a media type that status does not describe.
	 * @param sent the operations to request (not, say, one that ends the caller's
	 * session)
	 * @param headers sent with every request, e.g. a session cookie
	 */
	public List<String> undocumentedAnswers(int port, Predicate<Operation> sent, String... headers) {
		List<String> undocumented = new ArrayList<>();
		for (Operation operation : operations()) {
			if (!sent.test(operation)) {
				continue;
			}
			List<String> all = new ArrayList<>(List.of(headers));
			all.addAll(operation.exampleHeaders());
			EntityExchangeResult<String> answer = send(port, operation, operation.exampleBody(), all);
			String wrong = undocumented(operation, answer);
			if (wrong != null) {
				undocumented.add(operation + " answered " + answer.getStatus().value() + " "
						+ answer.getResponseHeaders().getContentType() + " (" + wrong + "): "
						+ answer.getResponseBody());
			}
		}
		return undocumented;
	}

	/**
	 * The operation requested at its example path (encoded already, so sent as written),
	 * with the headers (name, value, ...) and a JSON body, if any.
	 */
	private static EntityExchangeResult<String> send(int port, Operation operation, @Nullable String json,
			List<String> headers) {
		RestTestClient.RequestBodySpec request = TestClients.to(port)
			.method(HttpMethod.valueOf(operation.method()))
			.uri(TestClients.exactly(port, operation.examplePath()));
		for (int i = 0; i + 1 < headers.size(); i += 2) {
			request.header(headers.get(i), headers.get(i + 1));
		}
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(json);
		}
		return request.exchange().returnResult(String.class);
	}

	private static @Nullable String undocumented(Operation operation, EntityExchangeResult<String> answer) {
		JsonNode response = operation.node().path("responses").path(Integer.toString(answer.getStatus().value()));
		if (response.isMissingNode()) {
			response = operation.node().path("responses").path("default");
		}
		if (response.isMissingNode()) {
			return "status not described";
		}
		MediaType type = answer.getResponseHeaders().getContentType();
		if (type == null) {
			String body = answer.getResponseBody();
			return (body == null || body.isEmpty()) ? null : "a body without Content-Type";
		}
		String mediaType = (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
		return response.path("content").has(mediaType) ? null : "media type not described";
	}

	private static List<JsonNode> parameters(JsonNode path, JsonNode operation) {
		List<JsonNode> parameters = new ArrayList<>();
		path.path("parameters").forEach(parameters::add);
		operation.path("parameters").forEach(parameters::add);
		return parameters;
	}

	static @Nullable String example(JsonNode parameter) {
		if (parameter.has("example")) {
			return parameter.get("example").asString();
		}
		for (JsonNode example : parameter.path("examples")) {
			if (example.has("value")) {
				return example.get("value").asString();
			}
		}
		JsonNode schema = parameter.path("schema");
		if (schema.has("example")) {
			return schema.get("example").asString();
		}
		return null;
	}

	private static void collectWildcards(JsonNode node, String pointer, List<String> found) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				String at = pointer + "/" + entry.getKey().replace("~", "~0").replace("/", "~1");
				if (entry.getKey().equals("*/*")
						|| (entry.getValue().isString() && entry.getValue().asString().equals("*/*"))) {
					found.add(at);
				}
				collectWildcards(entry.getValue(), at, found);
			});
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collectWildcards(node.get(i), pointer + "/" + i, found);
			}
		}
	}

	/** One documented operation and its parameters (path item's and its own). */
	public record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {

		/**
		 * The path with every path parameter replaced by its example, and required query
		 * parameters.
		 */
		public String examplePath() {
			String resolved = this.path;
			List<String> query = new ArrayList<>();
			for (JsonNode parameter : this.parameters) {
				String name = parameter.path("name").asString();
				String example = example(parameter);
				if ("path".equals(parameter.path("in").asString())) {
					resolved = resolved.replace("{" + name + "}",
							encode((example != null) ? example : "example").replace("+", "%20"));
				}
				else if ("query".equals(parameter.path("in").asString()) && parameter.path("required").asBoolean()
						&& example != null) {
					query.add(encode(name) + "=" + encode(example));
				}
			}
			return query.isEmpty() ? resolved : resolved + "?" + String.join("&", query);
		}

		/** Header parameters with an example, as name, value, name, value. */
		public List<String> exampleHeaders() {
			List<String> headers = new ArrayList<>();
			for (JsonNode parameter : this.parameters) {
				String example = example(parameter);
				if ("header".equals(parameter.path("in").asString()) && example != null) {
					headers.add(parameter.path("name").asString());
					headers.add(example);
				}
			}
			return headers;
		}

		/** The example of the JSON request body, if the operation reads one. */
		public @Nullable String exampleBody() {
			JsonNode json = this.node.path("requestBody").path("content").path("application/json");
			return json.has("example") ? JSON.writeValueAsString(json.get("example")) : null;
		}

		private static String encode(String text) {
			return URLEncoder.encode(text, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
