package io.statewise.gateway;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Before a service has ever given its description, the gateway has no whole description
 * to publish: it says so ({@code 503}, naming the service) rather than publishing an API
 * without that part of the store. In a context of its own, whose gateway has fetched
 * nothing yet.
 */
@GatewayTest
@TestPropertySource(properties = "statewise.gateway.openapi.fetch-timeout=2s")
class OpenApiUnavailableTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void descriptionShouldBeUnavailableUntilEveryServiceHasGivenItsOwn() {
		OpenApiTests.describe(Map.of(Backends.INVENTORY_A, "inventory-service", Backends.INVENTORY_B,
				"inventory-service", Backends.SESSIONS, "session-service", Backends.SESSIONS_B, "session-service"));
		ResponseSpec unavailable = description();
		unavailable.expectHeader().valueEquals("Retry-After", "5");
		expectProblem(unavailable, 503).jsonPath("$.detail")
			.value(String.class,
					(detail) -> assertThat(detail).contains("order-service").doesNotContain("inventory-service"));
		OpenApiTests.describe(Map.of(Backends.ORDERS_A, "order-service", Backends.ORDERS_B, "order-service"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> description().expectBody().returnResult().getStatus().value() == 200);
	}

	private ResponseSpec description() {
		return Gateway.client(this.port).get().uri("/api/openapi.json").exchange();
	}

}
