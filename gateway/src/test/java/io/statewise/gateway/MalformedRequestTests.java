package io.statewise.gateway;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused below Spring, by Reactor Netty's HTTP decoder or by Spring's adapter
 * before any filter runs, keep their status but are answered problem+json like every
 * other error (found by the local stack's generative bad-input test: they were bare
 * statuses without a body). Sent over a raw socket: no HTTP client sends them.
 */
@GatewayTest
class MalformedRequestTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CATEGORIES = "/api/catalog/categories";

	@Value("${local.server.port}")
	int port;

	@Test
	void headersTheDecoderRefusesShouldAnswerBadRequestProblems() {
		for (String header : new String[] { "X-Probe: a\u0001b", "X-Probe: a\u0000b", "X Probe: 1", "X-Probe\u0000: 1",
				"Idempotency-Key: " + "\u0001".repeat(8), "Content-Type: application/json\u0000" }) {
			assertProblem(get(CATEGORIES, header), 400, header);
		}
		assertNoBackendReached();
	}

	@Test
	void headersOverTheLimitShouldAnswerHeaderFieldsTooLargeProblem() {
		assertProblem(get(CATEGORIES, "X-Probe: " + "A".repeat(20_000)), 431, "20 KB header");
	}

	@Test
	void aRequestLineOverTheLimitShouldAnswerUriTooLongProblem() {
		assertProblem(get(CATEGORIES + "?q=" + "A".repeat(9_000), "X-Probe: 1"), 414, "9 KB query");
	}

	@Test
	void brokenFramingShouldAnswerBadRequestProblems() {
		String json = "{\"productId\":\"TEA-001\",\"quantity\":1}";
		Map<String, String> framings = Map.of("Content-Length: abc", "Content-Length: abc\r\n\r\n" + json,
				"Content-Length and chunked",
				"Content-Length: " + json.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n",
				"bad chunk size", "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + json + "\r\n0\r\n\r\n");
		framings.forEach((what, rest) -> assertProblem(exchange("POST /api/cart/lines HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Connection: close\r\nContent-Type: application/json\r\n" + rest), 400, what));
		assertNoBackendReached();
	}

	@Test
	void pathsAndQueriesThatAreNoUriShouldAnswerBadRequestProblems() {
		for (String target : new String[] { "/api/catalog/a\u0000b", "/api/catalog/a\u007fb", "/api/catalog/%zz",
				"/api/catalog/%", "/api/catalog/products?q=%zz", "/api/catalog/products?q=%" }) {
			assertProblem(get(target, "X-Probe: 1"), 400, target);
		}
		assertNoBackendReached();
	}

	@Test
	void anUnreadableAcceptShouldBeIgnoredSoThatTheGatewaysOwnRefusalsKeepTheirProblem() {
		WebTestClient client = Gateway.client(this.port);
		for (String path : new String[] { "/no-such-route", "/api/orders" }) {
			int plain = client.get().uri(path).exchange().expectBody().returnResult().getStatus().value();
			assertThat(plain).as(path).isGreaterThanOrEqualTo(400);
			expectProblem(client.get().uri(path).header("Accept", "*/*;q=abc").exchange(), plain);
		}
	}

	private String get(String target, String header) {
		return exchange(
				"GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + header + "\r\n\r\n");
	}

	private String exchange(String request) {
		try (RawClient client = RawClient.connect(this.port)) {
			client.send(request);
			return client.awaitClose(Duration.ofSeconds(15));
		}
	}

	private static void assertProblem(String answer, int status, String what) {
		assertThat(answer).as(what).startsWith("HTTP/1.1 " + status + " ");
		int end = answer.indexOf("\r\n\r\n");
		assertThat(answer.substring(0, end).toLowerCase()).as(what)
			.contains("content-type: application/problem+json")
			.contains("connection: close");
		JsonNode problem = JSON.readTree(answer.substring(end + 4));
		assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
		assertThat(problem.has("title") && problem.has("detail") && problem.has("instance")).as(what).isTrue();
	}

	private static void assertNoBackendReached() {
		for (WireMockServer backend : new WireMockServer[] { Backends.INVENTORY_A, Backends.INVENTORY_B,
				Backends.SESSIONS, Backends.SESSIONS_B }) {
			assertThat(backend.findAll(anyRequestedFor(urlPathMatching("/api/.*"))))
				.as("requests that reached a backend")
				.isEmpty();
		}
	}

}
