package io.statewise.gateway;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
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

	@AfterEach
	void readyAgain() {
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

	private Set<String> servedBy(int requests) {
		Set<String> instances = new HashSet<>();
		for (int i = 0; i < requests; i++) {
			instances.add(Http.header(new Http(this.port).get("/api/catalog/categories"), "X-Served-By"));
		}
		return instances;
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
