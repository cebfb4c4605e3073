package io.statewise.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(managementCopy().body(), null, null);
		assertThat(parsed.getMessages()).isEmpty();
		assertThat(parsed.getOpenAPI().getPaths()).hasSizeGreaterThanOrEqualTo(14);
	}

	@Test
	void everyRouteShouldBeDescribedOnItsPublicPathsAndNothingInternal() {
		HttpResponse<String> description = managementCopy();
		List<String> paths = List.copyOf(Http.json(description).path("paths").propertyNames());
		assertThat(paths).allMatch((path) -> path.startsWith("/api/"))
			.contains("/api/catalog/products/{id}", "/api/account/me", "/api/session/login", "/api/cart/lines",
					"/api/orders", "/api/orders/{id}/cancel");
		assertThat(description.body()).doesNotContain("/internal", "Introspection", "ConsistencyReport",
				"localhost:11081", "X-User-Id");
	}

	@Test
	void operationsShouldListTheGatewaysAnswersOnTheirRoute() {
		JsonNode paths = Http.json(managementCopy()).path("paths");
		JsonNode products = paths.path("/api/catalog/products").path("get").path("responses");
		JsonNode restock = paths.path("/api/catalog/products/{id}/restock").path("post").path("responses");
		JsonNode checkout = paths.path("/api/orders").path("post").path("responses");
		assertThat(products.propertyNames()).contains("400", "414", "429", "431", "502", "503", "504")
			.doesNotContain("401", "403", "408", "413");
		assertThat(restock.propertyNames()).contains("401", "403", "408", "413");
		assertThat(products.path("504").path("description").asString()).contains("time limit, 1 s");
		assertThat(checkout.path("504").path("description").asString()).contains("time limit, 5 s");
		assertThat(products.path("429").path("headers").propertyNames()).contains("Retry-After",
				"X-RateLimit-Remaining");
		assertThat(products.path("200").path("headers").propertyNames()).contains("X-Served-By",
				"X-RateLimit-Remaining");
	}

	@Test
	void everyErrorShouldBeAProblemOfOneSharedShape() {
		JsonNode document = Http.json(managementCopy());
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
		JsonNode document = Http.json(managementCopy());
		List<String> operationIds = new ArrayList<>();
		document.path("paths")
			.forEach((item) -> item.forEach((operation) -> operationIds.add(operation.path("operationId").asString())));
		assertThat(operationIds).doesNotHaveDuplicates();
		assertThat(document.path("components").path("schemas").propertyNames()).contains("Line", "SessionServiceLine");
	}

	@Test
	void publicCopyShouldBeTheSameButNameTheGatewayItWasFetchedFrom() {
		HttpResponse<String> published = new Http(this.port).get("/api/openapi.json");
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		ObjectNode document = (ObjectNode) Http.json(published);
		ObjectNode management = (ObjectNode) Http.json(managementCopy());
		assertThat(document.remove("servers").path(0).path("url").asString()).isEqualTo("/");
		assertThat(management.remove("servers").path(0).path("url").asString()).startsWith("http://");
		assertThat(document).isEqualTo(management);
	}

	@Test
	void serviceThatStopsAnsweringShouldStillBeDescribedAsLastFetched() {
		assertThat(Http.json(managementCopy()).path("paths").has("/api/orders")).isTrue();
		for (WireMockServer orders : List.of(Backends.ORDERS_A, Backends.ORDERS_B)) {
			orders.stubFor(get(urlEqualTo(DESCRIPTION)).atPriority(1).willReturn(aResponse().withStatus(503)));
		}
		Backends.ORDERS_A.resetRequests();
		Backends.ORDERS_B.resetRequests();
		assertThat(Http.json(managementCopy()).path("paths").has("/api/orders")).isTrue();
		assertThat(Backends.count(Backends.ORDERS_A, getRequestedFor(urlEqualTo(DESCRIPTION)))
				+ Backends.count(Backends.ORDERS_B, getRequestedFor(urlEqualTo(DESCRIPTION))))
			.as("asked again, refused: the last description is used")
			.isPositive();
	}

	private HttpResponse<String> managementCopy() {
		HttpResponse<String> response = new Http(this.managementPort).get(DESCRIPTION);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
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
