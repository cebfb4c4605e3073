package io.statewise.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

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
		HttpResponse<String> unavailable = new Http(this.port).get("/api/openapi.json");
		assertThat(unavailable.statusCode()).isEqualTo(503);
		assertThat(Http.isProblem(unavailable)).isTrue();
		assertThat(Http.header(unavailable, "Retry-After")).isEqualTo("5");
		assertThat(Http.json(unavailable).path("detail").asString()).contains("order-service")
			.doesNotContain("inventory-service");
		OpenApiTests.describe(Map.of(Backends.ORDERS_A, "order-service", Backends.ORDERS_B, "order-service"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> new Http(this.port).get("/api/openapi.json").statusCode() == 200);
	}

}
