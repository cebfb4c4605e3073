package io.statewise.gateway;

import java.net.http.HttpResponse;
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
		HttpResponse<String> first = http().get("/api/orders", "Cookie", "SESSION=" + session);
		assertThat(Http.header(first, "X-RateLimit-Remaining")).isEqualTo("9");
		// the other 29 at once: one after another, at 5 refilled a second, they ran out
		// of
		// the burst of 10 only if each took under 133 ms, which a busy CI machine did not
		// give (no 429 in 30)
		List<HttpResponse<String>> responses = atOnce(29,
				() -> http().get("/api/orders", "Cookie", "SESSION=" + session));
		HttpResponse<String> limited = responses.stream()
			.filter((r) -> r.statusCode() == 429)
			.findFirst()
			.orElseThrow();
		assertThat(Http.isProblem(limited)).isTrue();
		assertThat(Http.header(limited, "Retry-After")).isEqualTo("1");
		assertThat(Http.header(limited, "X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(Http.header(limited, "X-RateLimit-Burst-Capacity")).isEqualTo("10");
	}

	@Test
	void limitsShouldBeCountedPerUser() {
		String first = Backends.loggedIn("first-" + System.nanoTime());
		String second = Backends.loggedIn("second-" + System.nanoTime());
		for (WireMockServer server : new WireMockServer[] { Backends.ORDERS_A, Backends.ORDERS_B }) {
			server.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		}
		for (int i = 0; i < 5; i++) {
			http().get("/api/orders", "Cookie", "SESSION=" + first);
		}
		HttpResponse<String> other = http().get("/api/orders", "Cookie", "SESSION=" + second);
		assertThat(other.statusCode()).isEqualTo(200);
		assertThat(Http.header(other, "X-RateLimit-Remaining")).isEqualTo("9");
	}

	private static List<HttpResponse<String>> atOnce(int count, Callable<HttpResponse<String>> request) {
		ExecutorService senders = Executors.newFixedThreadPool(count);
		try {
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> response : senders.invokeAll(Collections.nCopies(count, request))) {
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

	private Http http() {
		return new Http(this.port);
	}

}
