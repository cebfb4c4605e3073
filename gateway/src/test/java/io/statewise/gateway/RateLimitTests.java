package io.statewise.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits per user, in the real (embedded) Redis. */
@GatewayTest
class RateLimitTests {

	@Value("${local.server.port}")
	int port;

	@Test
	void aUserOverTheOrdersLimitShouldGetTooManyRequestsWithRetryAfterAndQuotaHeaders() {
		String session = Backends.loggedIn("greedy-" + System.nanoTime());
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
		orders(session).expectHeader().valueEquals("X-RateLimit-Remaining", "9");
		// the other 29 at once: one after another, at 5 refilled a second, they ran out
		// of the burst of 10 only if each took under 133 ms, which a busy CI machine did
		// not give (no 429 in 30)
		List<EntityExchangeResult<String>> responses = atOnce(29,
				() -> orders(session).expectBody(String.class).returnResult());
		EntityExchangeResult<String> limited = responses.stream()
			.filter((r) -> r.getStatus().value() == 429)
			.findFirst()
			.orElseThrow();
		HttpHeaders headers = limited.getResponseHeaders();
		assertThat(headers.getFirst("Content-Type")).startsWith("application/problem+json");
		assertThat(headers.getFirst("Retry-After")).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("10");
	}

	@Test
	void limitsShouldBeCountedPerUser() {
		String first = Backends.loggedIn("first-" + System.nanoTime());
		String second = Backends.loggedIn("second-" + System.nanoTime());
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
		for (int i = 0; i < 5; i++) {
			orders(first).expectStatus().isOk();
		}
		orders(second).expectStatus().isOk().expectHeader().valueEquals("X-RateLimit-Remaining", "9");
	}

	private static <T> List<T> atOnce(int count, Callable<T> request) {
		ExecutorService senders = Executors.newFixedThreadPool(count);
		try {
			List<T> responses = new ArrayList<>();
			for (Future<T> response : senders.invokeAll(Collections.nCopies(count, request))) {
				responses.add(response.get());
			}
			return responses;
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			senders.shutdownNow();
		}
	}

	private ResponseSpec orders(String session) {
		return Gateway.orders(Gateway.client(this.port), session);
	}

}
