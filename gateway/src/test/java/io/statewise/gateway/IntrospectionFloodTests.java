package io.statewise.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random {@code SESSION} cookies cost an introspection each only within their address's
 * budget (application.yml: a burst of 20, 1 a second). Floods come from their own
 * loopback address (127.0.0.x), the other tests from 127.0.0.1.
 */
@GatewayTest
class IntrospectionFloodTests {

	private static final int BURST = 20;

	private static final int FLOOD = 60;

	@Value("${local.server.port}")
	int port;

	@Test
	void aFloodOfRandomSessionCookiesShouldBeRefusedBeforeItCostsAnIntrospectionEach() {
		long start = System.nanoTime();
		List<String> answers = flood("127.0.0.3", FLOOD);
		long seconds = (System.nanoTime() - start) / 1_000_000_000L + 1;
		// which answers are refused depends on when the bucket refills (one a second, to
		// whichever request comes next, the last one too): count them, check every one
		List<String> refused = answers.stream().filter((answer) -> answer.startsWith("HTTP/1.1 429")).toList();
		assertThat(refused).hasSizeGreaterThanOrEqualTo(FLOOD - BURST - (int) seconds)
			.allSatisfy((answer) -> assertThat(answer).containsIgnoringCase("content-type: application/problem+json")
				.containsIgnoringCase("retry-after: 1"));
		assertThat(floodIntrospections()).isLessThanOrEqualTo(BURST + (int) seconds);
	}

	@Test
	void aLoggedInUserOnAnotherAddressShouldBeUnaffectedByAFlood() {
		String session = Backends.loggedIn("patient-" + System.nanoTime());
		stubOrders();
		flood("127.0.0.5", FLOOD);
		Gateway.orders(Gateway.client(this.port), session).expectStatus().isOk();
	}

	@Test
	void aLoggedInUserBehindAFloodingAddressShouldKeepBeingServed() {
		String session = Backends.loggedIn("neighbour-" + System.nanoTime());
		stubOrders();
		assertThat(order("127.0.0.4", session)).startsWith("HTTP/1.1 200");
		assertThat(flood("127.0.0.4", FLOOD)).anyMatch((answer) -> answer.startsWith("HTTP/1.1 429"));
		assertThat(order("127.0.0.4", session)).startsWith("HTTP/1.1 200");
	}

	private List<String> flood(String address, int requests) {
		List<String> answers = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			answers.add(order(address, "flood-" + UUID.randomUUID()));
		}
		return answers;
	}

	private String order(String address, String session) {
		return RawClient.exchange(address, this.port, "GET", "/api/orders", "Cookie: SESSION=" + session);
	}

	private static int floodIntrospections() {
		return Backends.count(Backends.SESSIONS,
				getRequestedFor(urlPathEqualTo("/internal/session")).withCookie("SESSION", matching("flood-.*")));
	}

	private static void stubOrders() {
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
	}

}
