package io.statewise.localstack;

import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import io.statewise.testkit.OpenApiDescription;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.web.servlet.client.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's OpenAPI description, the store's public API for client generators, says
 * what the running store does: every public operation of every service on its gateway
 * path, nothing internal, and every answer to a request made from its examples, signed in
 * or not, a status and media type it lists.
 */
@Order(2)
@ExtendWith(LocalStackExtension.class)
class GatewayOpenApiIntegrationTests {

	@Test
	void gatewayShouldDescribeEveryPublicOperationOfEveryServiceAndNothingInternal(Stack stack) {
		OpenApiDescription gateway = OpenApiDescription.fetch(9080 + stack.portOffset());
		long routed = 0;
		for (int service = 9081; service <= 9083; service++) {
			routed += OpenApiDescription.fetch(service + stack.portOffset())
				.operations()
				.stream()
				.filter((operation) -> !operation.path().startsWith("/internal"))
				.count();
		}
		assertThat(gateway.operations()).hasSize((int) routed)
			.allMatch((operation) -> operation.path().startsWith("/api/"));
		assertThat(gateway.document().toString()).doesNotContain("/internal");
		assertThat(gateway.wildcardMediaTypes()).isEmpty();
		assertThat(gateway.operationsWithoutProblemResponse()).isEmpty();
		assertThat(gateway.problemExamplesOfAnotherType()).isEmpty();
		assertThat(gateway.pathParametersWithoutExample()).isEmpty();
		assertThat(gateway.requestBodiesWithoutExample()).isEmpty();
	}

	@Test
	void everyOperationShouldAnswerOnlyWhatTheDescriptionLists(Stack stack) {
		OpenApiDescription gateway = OpenApiDescription.fetch(9080 + stack.portOffset());
		int port = 8080 + stack.portOffset();
		Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);
		assertThat(gateway.undocumentedAnswers(port, (operation) -> true)).isEmpty();
		// a login or logout would replace or end the shopper's session
		assertThat(gateway.undocumentedAnswers(port, (operation) -> !operation.path().startsWith("/api/session/"),
				"Cookie", shopper.cookie()))
			.isEmpty();
		assertThat(gateway.operationsWithoutHandler(port, "Cookie", shopper.cookie())).isEmpty();
	}

	@Test
	void publicCopyShouldBeServedThroughTheGatewayWithoutAnythingInternal(Stack stack) {
		EntityExchangeResult<String> published = OpenApiDescription.published(StoreApi.gateway(stack),
				"/api/openapi.json");

		assertThat(published.getStatus().value()).as(published::toString).isEqualTo(200);
		assertThat(Answers.<String>read(published.getResponseBody(), "$.servers[0].url")).isEqualTo("/");
		assertThat(published.getResponseBody()).contains("/api/orders/{id}").doesNotContain("/internal", "127.0.0.1");
	}

}
