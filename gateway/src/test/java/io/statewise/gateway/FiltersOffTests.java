package io.statewise.gateway;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statewise.gateway.filters-off} (the lab's E7 measures what each filter costs):
 * the switched-off filters let every request through untouched, on a route whose limit
 * (burst 2) and time limit (1 s) would otherwise answer for the backend.
 */
@GatewayTest
@TestPropertySource(properties = { "statewise.gateway.filters-off=RateLimit, health-circuit-breaker",
		"statewise.rate-limit.inventory-service.burst=2", "statewise.rate-limit.inventory-service.per-second=1" })
class FiltersOffTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void withTheRateLimitOffEveryRequestShouldPassWithoutQuotaHeaders() {
		stubBothInventoryInstances(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{\"items\":[]}")));
		List<EntityExchangeResult<String>> responses = send(10, "/api/catalog/products");
		assertThat(responses).extracting((response) -> response.getStatus().value()).containsOnly(200);
		assertThat(responses)
			.allMatch((response) -> !response.getResponseHeaders().containsHeader("X-RateLimit-Remaining"));
	}

	@Test
	void withTheCircuitBreakerOffEveryFailureShouldReachTheClientAndNoneOpenACircuit() {
		stubBothInventoryInstances(
				get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(502)));
		List<EntityExchangeResult<String>> responses = send(8, "/api/catalog/categories");
		assertThat(responses).extracting((response) -> response.getStatus().value()).containsOnly(502);
		assertThat(responses).extracting((response) -> response.getResponseHeaders().getFirst("Content-Type"))
			.noneMatch((type) -> type != null && type.startsWith("application/problem+json"));
		assertThat(Backends.count(Backends.INVENTORY_A, getRequestedFor(urlPathEqualTo("/api/catalog/categories")))
				+ Backends.count(Backends.INVENTORY_B, getRequestedFor(urlPathEqualTo("/api/catalog/categories"))))
			.isEqualTo(8);
	}

	@Test
	void withTheCircuitBreakerOffASlowServiceShouldBeWaitedForPastTheTimeLimit() {
		stubBothInventoryInstances(
				get(urlPathEqualTo("/api/catalog/products/SLOW")).willReturn(okJson("{}").withFixedDelay(1500)));
		assertThat(send(1, "/api/catalog/products/SLOW").get(0).getStatus().value()).isEqualTo(200);
	}

	private List<EntityExchangeResult<String>> send(int requests, String path) {
		List<EntityExchangeResult<String>> responses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			responses.add(Gateway.client(this.port).get().uri(path).exchange().expectBody(String.class).returnResult());
		}
		return responses;
	}

	private static void stubBothInventoryInstances(MappingBuilder stub) {
		Backends.INVENTORY_A.stubFor(stub);
		Backends.INVENTORY_B.stubFor(stub);
	}

}
