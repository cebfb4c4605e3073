package io.statewise.gateway;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.statewise.testkit.OpenApiDescription;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's public API as the gateway publishes it, composed from the services'
 * descriptions: here the committed copies of the real ones ({@code docs/openapi/}, each
 * kept equal to its service's live one by the service's tests), served on the fake
 * instances' management ports. Descriptions are fetched again on every request
 * ({@code refresh=0s}), so that each test sees what its backends serve.
 */
@GatewayTest
@TestPropertySource(properties = "statewise.gateway.openapi.refresh=0s")
class OpenApiTests {

	static final String DESCRIPTION = "/actuator/openapi";

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@BeforeEach
	void serveTheServicesDescriptions() {
		describe(Map.of(Backends.INVENTORY_A, "inventory-service", Backends.INVENTORY_B, "inventory-service",
				Backends.SESSIONS, "session-service", Backends.SESSIONS_B, "session-service", Backends.ORDERS_A,
				"order-service", Backends.ORDERS_B, "order-service"));
	}

	@Test
	void descriptionShouldBeValidOpenApi3() {
		String description = managementCopy().expectBody(String.class).returnResult().getResponseBody();
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(description, null, null);
		assertThat(parsed.getMessages()).isEmpty();
		assertThat(parsed.getOpenAPI().getPaths()).hasSizeGreaterThanOrEqualTo(14);
	}

	@Test
	void everyRouteShouldBeDescribedOnItsPublicPathsAndNothingInternal() {
		managementCopy().expectBody()
			.jsonPath("$.paths")
			.value(Map.class,
					(paths) -> assertThat(names(paths)).allMatch((path) -> path.startsWith("/api/"))
						.contains("/api/catalog/products/{id}", "/api/account/me", "/api/session/login",
								"/api/cart/lines", "/api/orders", "/api/orders/{id}/cancel"))
			.consumeWith((description) -> assertThat(new String(description.getResponseBody(), StandardCharsets.UTF_8))
				.doesNotContain("/internal", "Introspection", "ConsistencyReport", "localhost:11081", "X-User-Id"));
	}

	@Test
	void operationsShouldListTheGatewaysAnswersOnTheirRoute() {
		String products = "$.paths['/api/catalog/products'].get.responses";
		managementCopy().expectBody()
			.jsonPath(products)
			.value(Map.class,
					(answers) -> assertThat(names(answers)).contains("400", "414", "429", "431", "502", "503", "504")
						.doesNotContain("401", "403", "408", "413"))
			.jsonPath("$.paths['/api/catalog/products/{id}/restock'].post.responses")
			.value(Map.class, (answers) -> assertThat(names(answers)).contains("401", "403", "408", "413"))
			.jsonPath(products + "['504'].description")
			.value(String.class, (description) -> assertThat(description).contains("time limit, 1 s"))
			.jsonPath("$.paths['/api/orders'].post.responses['504'].description")
			.value(String.class, (description) -> assertThat(description).contains("time limit, 5 s"))
			.jsonPath(products + "['429'].headers")
			.value(Map.class, (headers) -> assertThat(names(headers)).contains("Retry-After", "X-RateLimit-Remaining"))
			.jsonPath(products + "['200'].headers")
			.value(Map.class, (headers) -> assertThat(names(headers)).contains("X-Served-By", "X-RateLimit-Remaining"));
	}

	/** A sweep over every operation's answers: the document as a tree. */
	@Test
	void everyErrorShouldBeAProblemOfOneSharedShape() {
		JsonNode document = document(managementCopy());
		List<String> errors = new ArrayList<>();
		document.path("paths")
			.forEach((item) -> item.forEach((operation) -> operation.path("responses")
				.properties()
				.stream()
				.filter((response) -> response.getKey().startsWith("4") || response.getKey().startsWith("5"))
				.forEach((response) -> errors.add(response.getValue().path("content").toString()))));
		assertThat(errors).hasSizeGreaterThan(100)
			.allMatch((content) -> content.startsWith("{\"application/problem+json\":{\"schema\":"
					+ "{\"$ref\":\"#/components/schemas/ProblemDetail\"}"));
		assertThat(document.path("components").path("schemas").propertyNames())
			.filteredOn((name) -> name.contains("Problem"))
			.containsExactly("ProblemDetail");
	}

	@Test
	void namesTwoServicesUseForDifferentThingsShouldBeKeptApart() {
		managementCopy().expectBody()
			.jsonPath("$.paths.*.*")
			.value(List.class,
					(operations) -> assertThat(operations)
						.extracting((operation) -> ((Map<?, ?>) operation).get("operationId"))
						.as("an id for every operation, none twice")
						.doesNotContainNull()
						.doesNotHaveDuplicates())
			.jsonPath("$.components.schemas")
			.value(Map.class, (schemas) -> assertThat(names(schemas)).contains("Line", "SessionServiceLine"));
	}

	@Test
	void publicCopyShouldBeTheSameButNameTheGatewayItWasFetchedFrom() {
		ResponseSpec published = Gateway.client(this.port).get().uri("/api/openapi.json").exchange();
		published.expectStatus().isOk();
		ObjectNode document = (ObjectNode) document(published);
		ObjectNode management = (ObjectNode) document(managementCopy());
		assertThat(document.remove("servers").path(0).path("url").asString()).isEqualTo("/");
		assertThat(management.remove("servers").path(0).path("url").asString()).startsWith("http://");
		assertThat(document).isEqualTo(management);
	}

	@Test
	void serviceThatStopsAnsweringShouldStillBeDescribedAsLastFetched() {
		managementCopy().expectBody().jsonPath("$.paths['/api/orders']").exists();
		for (WireMockServer orders : List.of(Backends.ORDERS_A, Backends.ORDERS_B)) {
			orders.stubFor(get(urlEqualTo(DESCRIPTION)).atPriority(1).willReturn(aResponse().withStatus(503)));
		}
		Backends.ORDERS_A.resetRequests();
		Backends.ORDERS_B.resetRequests();
		managementCopy().expectBody().jsonPath("$.paths['/api/orders']").exists();
		assertThat(Backends.count(Backends.ORDERS_A, getRequestedFor(urlEqualTo(DESCRIPTION)))
				+ Backends.count(Backends.ORDERS_B, getRequestedFor(urlEqualTo(DESCRIPTION))))
			.as("asked again, refused: the last description is used")
			.isPositive();
	}

	/** The description on the management port, answered {@code 200}. */
	private ResponseSpec managementCopy() {
		return Gateway.client(this.managementPort).get().uri(DESCRIPTION).exchange().expectStatus().isOk();
	}

	/** The whole description, for what compares or sweeps it as a document. */
	private static JsonNode document(ResponseSpec description) {
		return description.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	/** The member names of a JSON object read by a JSON path. */
	private static Set<String> names(Map<?, ?> object) {
		return object.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
	}

	/** Each server answers its service's description on its management port. */
	static void describe(Map<WireMockServer, String> services) {
		services.forEach((server, service) -> server.stubFor(get(urlEqualTo(DESCRIPTION)).atPriority(5)
			.willReturn(okForContentType("application/json", fixture(service)))));
	}

	private static String fixture(String service) {
		return OpenApiDescription.committed(service).document().toString();
	}

}
