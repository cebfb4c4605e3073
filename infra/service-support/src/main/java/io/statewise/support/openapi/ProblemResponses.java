package io.statewise.support.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.statewise.support.problem.ProblemTypes;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

/**
 * Makes an OpenAPI description say what the service really answers, the same way in every
 * service, so that operations need annotations only for what is theirs (a 404 for an
 * unknown product, a 409 conflict):
 * <ul>
 * <li>every error is {@code application/problem+json} with one {@code ProblemDetail}
 * schema (RFC 9457, plus the {@code errors} a validation failure lists), with an
 * example;</li>
 * <li>no {@code *}{@code /*}: springdoc writes it for every mapping without
 * {@code produces}, and contract-testing tools and client generators refuse it; the
 * services answer {@code application/json};</li>
 * <li>the answers any operation can give: {@code 400} (a malformed path, query, header or
 * body, or a broken constraint), {@code 415} where a body is read, {@code 503} with
 * {@code Retry-After} (a datastore is unreachable, service-support's
 * {@code ProblemHandling}), and for public paths those of the gateway in front:
 * {@code 429} (rate limits), {@code 403} on writes (cross-site requests) and {@code 413}
 * (body over its size limit);</li>
 * <li>no body for {@code 204} and {@code 304};</li>
 * <li>no {@code 500}: springdoc infers one from exception handlers, but a 500 is a bug,
 * never an answer a client should plan for;</li>
 * <li>no {@code /error}: Spring Boot's error dispatch ({@code ProblemErrorController}),
 * not an operation;</li>
 * <li>a {@code session} security scheme (the {@code SESSION} cookie) for operations that
 * need a signed-in user;</li>
 * <li>{@code servers}: public paths through the gateway, {@code /internal/**} on the
 * service itself (springdoc would name the management port the description was fetched
 * from, which serves no API).</li>
 * </ul>
 */
final class ProblemResponses implements OpenApiCustomizer, Ordered {

	static final String PROBLEM_JSON = "application/problem+json";

	static final String JSON = "application/json";

	static final String SCHEMA = "ProblemDetail";

	/** The security scheme operations that need a signed-in user name. */
	static final String SESSION = "session";

	private static final String ANY = "*/*";

	private static final Set<PathItem.HttpMethod> WRITES = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
			PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

	private final String publicUrl;

	private final String internalUrl;

	private final String errorPath;

	ProblemResponses(String publicUrl, String internalUrl, String errorPath) {
		this.publicUrl = publicUrl;
		this.internalUrl = internalUrl;
		this.errorPath = errorPath;
	}

	@Override
	public void customise(OpenAPI api) {
		if (api.getComponents() == null) {
			api.setComponents(new Components());
		}
		api.getComponents().addSchemas(SCHEMA, problemSchema());
		api.getComponents()
			.addSecuritySchemes(SESSION,
					new SecurityScheme().type(SecurityScheme.Type.APIKEY)
						.in(SecurityScheme.In.COOKIE)
						.name("SESSION")
						.description("The session cookie login sets; the gateway tells the service who it belongs to"));
		api.setServers(List.of(new Server().url(this.publicUrl).description("through the gateway")));
		if (api.getPaths() == null) {
			return;
		}
		api.getPaths().remove(this.errorPath);
		api.getPaths().forEach((path, item) -> {
			boolean internal = path.startsWith("/internal/") || path.equals("/internal");
			if (internal) {
				item.setServers(List.of(new Server().url(this.internalUrl)
					.description("this service directly: /internal/** is never routed by the gateway")));
			}
			item.readOperationsMap().forEach((method, operation) -> customise(method, operation, internal));
		});
	}

	private void customise(PathItem.HttpMethod method, Operation operation, boolean internal) {
		if (operation.getRequestBody() != null) {
			operation.getRequestBody().setContent(withoutWildcard(operation.getRequestBody().getContent(), JSON));
		}
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		responses.remove("500");
		responses.putIfAbsent("400", new ApiResponse().description("Malformed or invalid request: its path, query, "
				+ "headers or body; a validation failure lists the fields in errors"));
		if (operation.getRequestBody() != null) {
			responses.putIfAbsent("415", new ApiResponse().description("Content-Type is not application/json"));
			if (!internal) {
				responses.putIfAbsent("413", new ApiResponse().description("Body larger than the gateway accepts"));
			}
		}
		if (!internal) {
			if (WRITES.contains(method)) {
				responses.putIfAbsent("403", new ApiResponse()
					.description("A cross-site write: Origin or Sec-Fetch-Site names another site (the gateway)"));
			}
			responses.putIfAbsent("429",
					new ApiResponse().description("Rate limited by the gateway; retry after Retry-After seconds")
						.addHeaderObject("Retry-After", retryAfter()));
		}
		responses.putIfAbsent("503",
				new ApiResponse().description("A datastore this service needs is unreachable; nothing was changed "
						+ "unless the detail says otherwise. Retry after Retry-After seconds"));
		// every 503 carries Retry-After, one an operation declares itself too
		responses.get("503").addHeaderObject("Retry-After", retryAfter());
		responses.forEach(this::mediaTypes);
		operation.setResponses(sorted(responses));
	}

	/** Errors: problem+json only. Successes: {@code application/json} for *{@code /*}. */
	private void mediaTypes(String code, ApiResponse response) {
		if (isError(code)) {
			response.setContent(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
						.example(example(Integer.parseInt(code), response.getDescription()))));
		}
		else if (code.equals("204") || code.equals("304")) {
			response.setContent(null);
		}
		else if (response.getContent() != null) {
			response.setContent(withoutWildcard(response.getContent(), JSON));
		}
	}

	private static @Nullable Content withoutWildcard(@Nullable Content content, String instead) {
		if (content == null || !content.containsKey(ANY)) {
			return content;
		}
		Content fixed = new Content();
		content.forEach((type, media) -> fixed.addMediaType(type.equals(ANY) ? instead : type, media));
		return fixed;
	}

	private static boolean isError(String code) {
		return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
	}

	private static ApiResponses sorted(ApiResponses responses) {
		ApiResponses ordered = new ApiResponses();
		ordered.putAll(new TreeMap<>(responses));
		ordered.setExtensions(responses.getExtensions());
		return ordered;
	}

	private static Map<String, Object> example(int status, @Nullable String description) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> example = new LinkedHashMap<>();
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		// the type a problem with that title has (ProblemTypes), not bad-request for all
		example.put("type", ProblemTypes.of(title).toString());
		example.put("title", title);
		example.put("status", status);
		example.put("detail", (description != null) ? description : "");
		return example;
	}

	private static Header retryAfter() {
		return new Header().description("Seconds to wait before retrying").schema(new IntegerSchema().example(1));
	}

	/**
	 * Spring's {@code ProblemDetail} as it is written: its extra properties are members
	 * of the object itself (not a {@code properties} map), e.g. {@code errors}.
	 */
	private static Schema<?> problemSchema() {
		Schema<?> error = new ObjectSchema().addProperty("field", new StringSchema().example("quantity"))
			.addProperty("message", new StringSchema().example("must be greater than or equal to 1"));
		return new ObjectSchema().description("An error, as RFC 9457 problem details")
			.addProperty("type",
					new StringSchema().format("uri-reference").example("urn:statewise:problem:bad-request"))
			.addProperty("title", new StringSchema().example("Bad Request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail",
					new StringSchema()
						.example("The request body is invalid: quantity must be " + "greater than or equal to 1"))
			.addProperty("instance", new StringSchema().format("uri-reference").example("/api/cart/lines"))
			.addProperty("errors",
					new ArraySchema().items(error).description("The fields a validation failure found invalid"))
			.additionalProperties(true);
	}

	@Override
	public int getOrder() {
		// after each service's own customizers, so that what they add is made uniform too
		return Ordered.LOWEST_PRECEDENCE;
	}

}
