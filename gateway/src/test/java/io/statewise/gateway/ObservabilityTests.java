package io.statewise.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** What operations and the ops panel read on the management port. */
@GatewayTest
class ObservabilityTests {

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Test
	void prometheusShouldShowRoutesRetriesRateLimitsCircuitsAndEdgeAuthentication() {
		String session = Backends.loggedIn("olivia");
		Backends.INVENTORY_A
			.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(aResponse().withStatus(503)));
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_B, Backends.ORDERS_A,
				Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/products")).willReturn(okJson("{}")));
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{}")));
		}
		WebTestClient gateway = Gateway.client(this.port);
		for (int i = 0; i < 2; i++) {
			gateway.get().uri("/api/catalog/products").exchange().expectStatus().isOk();
		}
		Gateway.orders(gateway, session).expectStatus().isOk();
		Gateway.client(this.managementPort)
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((metrics) -> assertThat(metrics).contains("spring_cloud_gateway_requests_seconds_count{")
				.contains("statewise_gateway_retries_total{application=\"gateway\",route=\"inventory-service\"}")
				.contains(
						"statewise_gateway_rate_limit_total{application=\"gateway\",outcome=\"allowed\",route=\"order-service\"}")
				.contains("resilience4j_circuitbreaker_state{")
				.contains(
						"statewise_gateway_introspection_seconds_count{application=\"gateway\",outcome=\"authenticated\"}")
				.contains("cache_gets_total{application=\"gateway\",cache=\"introspection\",result=\"miss\"}"));
	}

}
