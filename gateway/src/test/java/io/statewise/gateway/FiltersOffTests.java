package io.statewise.gateway;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

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
		List<HttpResponse<String>> responses = send(10, "/api/catalog/products");
		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
		assertThat(responses).allMatch((response) -> Http.header(response, "X-RateLimit-Remaining") == null);
	}

	@Test
	void withTheCircuitBreakerOffEveryFailureShouldReachTheClientAndNoneOpenACircuit() {
		stubBothInventoryInstances(
				get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(502)));
		List<HttpResponse<String>> responses = send(8, "/api/catalog/categories");
		assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(502);
		assertThat(responses).noneMatch(Http::isProblem);
		assertThat(Backends.count(Backends.INVENTORY_A, getRequestedFor(urlPathEqualTo("/api/catalog/categories")))
				+ Backends.count(Backends.INVENTORY_B, getRequestedFor(urlPathEqualTo("/api/catalog/categories"))))
			.isEqualTo(8);
	}

	@Test
	void withTheCircuitBreakerOffASlowServiceShouldBeWaitedForPastTheTimeLimit() {
		stubBothInventoryInstances(
				get(urlPathEqualTo("/api/catalog/products/SLOW")).willReturn(okJson("{}").withFixedDelay(1500)));
		assertThat(send(1, "/api/catalog/products/SLOW").get(0).statusCode()).isEqualTo(200);
	}

	private List<HttpResponse<String>> send(int requests, String path) {
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			responses.add(new Http(this.port).get(path));
		}
		return responses;
	}

	private static void stubBothInventoryInstances(MappingBuilder stub) {
		Backends.INVENTORY_A.stubFor(stub);
		Backends.INVENTORY_B.stubFor(stub);
	}

}
