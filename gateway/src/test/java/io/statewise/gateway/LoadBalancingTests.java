package io.statewise.gateway;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests spread over the ready instances; an instance that stops being ready leaves
 * rotation.
 */
@GatewayTest
class LoadBalancingTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	LoadBalancerClientFactory balancers;

	@AfterEach
	void readyAgain() {
		Backends.INVENTORY_A.stubFor(Backends.readiness(200).atPriority(1));
		Backends.INVENTORY_B.stubFor(Backends.readiness(200).atPriority(1));
	}

	@Test
	void requestsShouldBeSpreadOverEveryReadyInstance() {
		stubCategories();
		assertThat(servedBy(6)).containsExactlyInAnyOrder(instance(Backends.INVENTORY_A),
				instance(Backends.INVENTORY_B));
	}

	@Test
	void anInstanceThatIsNotReadyShouldLeaveRotationAndComeBackWhenReady() {
		stubCategories();
		Backends.INVENTORY_B.stubFor(Backends.readiness(503).atPriority(1));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(servedBy(6)).containsExactly(instance(Backends.INVENTORY_A)));
		Backends.INVENTORY_B.stubFor(Backends.readiness(200).atPriority(1));
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(servedBy(6)).hasSize(2));
	}

	/**
	 * All instances unready share a cause (their datastore went away) and still answer
	 * for themselves: the gateway asks them rather than answering its fallback, so that
	 * the first request after the cause is gone is served, not the first after the next
	 * poll. Their own answers do not open the circuit.
	 */
	@Test
	void withNoInstanceReadyEveryInstanceShouldStillBeAskedAndAnswerForItself() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/problem+json")
				.withBody("{\"title\":\"Catalog database unavailable\",\"status\":503}")));
			server.stubFor(Backends.readiness(503).atPriority(1));
		}
		ready("inventory-service").filter(List::isEmpty).blockFirst(Duration.ofSeconds(30));

		for (int i = 0; i < 6; i++) {
			categories().expectBody().jsonPath("$.title").isEqualTo("Catalog database unavailable");
		}
		RequestPatternBuilder asked = getRequestedFor(urlPathEqualTo("/api/catalog/categories"));
		assertThat(Backends.count(Backends.INVENTORY_A, asked)).isPositive();
		assertThat(Backends.count(Backends.INVENTORY_B, asked)).isPositive();
		assertThat(this.breakers.circuitBreaker("inventory-service").getState()).isEqualTo(State.CLOSED);
	}

	/** The readiness step's own list, under the steps that order and filter it. */
	private Flux<List<ServiceInstance>> ready(String service) {
		ServiceInstanceListSupplier supplier = this.balancers.getInstance(service, ServiceInstanceListSupplier.class);
		while (!(supplier instanceof HealthCheckServiceInstanceListSupplier)) {
			supplier = ((DelegatingServiceInstanceListSupplier) supplier).getDelegate();
		}
		return supplier.get();
	}

	private Set<String> servedBy(int requests) {
		Set<String> instances = new HashSet<>();
		for (int i = 0; i < requests; i++) {
			instances.add(categories().expectBody().returnResult().getResponseHeaders().getFirst("X-Served-By"));
		}
		return instances;
	}

	private ResponseSpec categories() {
		return Gateway.client(this.port).get().uri("/api/catalog/categories").exchange();
	}

	private static String instance(WireMockServer server) {
		return "inventory-service/127.0.0.1:" + server.port();
	}

	private static void stubCategories() {
		for (WireMockServer server : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B }) {
			server.stubFor(get(urlPathEqualTo("/api/catalog/categories")).willReturn(okJson("[]")));
		}
	}

}
