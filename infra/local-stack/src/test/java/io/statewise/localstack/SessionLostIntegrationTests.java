package io.statewise.localstack;

import java.io.IOException;
import java.net.HttpCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.testkit.TestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session memory mode, the stateful side of the comparison: a session lives in the heap
 * of the session-service instance that created it, the gateway keeps its browser there,
 * and when that instance dies the session dies with it. Protects what a shopper must see
 * then: a {@code 401 Session lost} that says so (not an empty cart on the other instance
 * as if nothing had happened), a login that works again on the survivor, and the sessions
 * the survivor holds untouched.
 */
@StackSessionMode(SessionMode.MEMORY)
class SessionLostIntegrationTests {

	private Stack stack;

	private String killed;

	@AfterEach
	void instanceBack() {
		if (this.killed != null) {
			this.stack.restore(this.killed);
		}
	}

	@Test
	void killingTheInstanceThatHoldsASessionShouldLoseThatSessionAloneAndSaySo(Stack stack) {
		this.stack = stack;
		Browser shopper = new Browser(stack);
		String email = shopper.signUpAndLogIn();
		shopper.post("/api/cart/lines", StoreApi.line("TEA-002", 2));
		shopper.post("/api/cart/lines", StoreApi.line("TEA-003", 1));
		shopper.get("/api/cart").expectHeader().valueEquals("X-Session-Mode", "memory");
		assertThat(shopper.servedBy()).as("one instance served every request").hasSize(1);
		String holder = shopper.servedBy().iterator().next();
		Browser other = new Browser(stack).pinnedTo(survivor(holder));
		other.signUpAndLogIn();
		other.post("/api/cart/lines", StoreApi.line("TEA-002", 1));

		this.killed = stack.serving(holder);
		stack.post("/components/" + this.killed + "/kill");
		// until the gateway's next readiness round (about a second) it still routes to
		// the dead instance and answers 503, and so does a retry chosen after that round
		// (HolderOrNone); never the other instance, which has no such session
		ResponseSpec lost = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> shopper.get("/api/cart"), (answer) -> Answers.status(answer) != 503);

		expectProblem(lost, 401).jsonPath("$.type")
			.isEqualTo("urn:statewise:problem:session-lost")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains(holder.substring(holder.indexOf('/') + 1)));
		assertThat(shopper.cookies).as("both cookies cleared").isEmpty();
		shopper.logIn(email).expectStatus().isOk();
		shopper.get("/api/cart")
			.expectBody()
			.jsonPath("$.totalQuantity")
			.value(Integer.class, (quantity) -> assertThat(quantity).as("the cart died").isZero());
		other.get("/api/cart")
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", survivor(holder))
			.expectBody()
			.jsonPath("$.totalQuantity")
			.value(Integer.class, (quantity) -> assertThat(quantity).as("the survivor's session").isOne());
	}

	private String survivor(String servedBy) {
		int first = 8082 + this.stack.portOffset();
		int port = servedBy.endsWith(":" + first) ? first + 100 : first;
		return "session-service/127.0.0.1:" + port;
	}

	/**
	 * A browser on the store's own origin: keeps every cookie it is given, forgets those
	 * it is told to expire, and notes which session-service instances served it.
	 */
	static final class Browser {

		private final RestTestClient client;

		private final String origin;

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private final Set<String> servedBy = new LinkedHashSet<>();

		Browser(Stack stack) {
			this.origin = "http://127.0.0.1:" + (8080 + stack.portOffset());
			this.client = TestClients.builder(8080 + stack.portOffset()).requestInterceptor(this::keepCookies).build();
		}

		/** Starts on that session-service instance, as if it had reached it first. */
		Browser pinnedTo(String servedBy) {
			this.cookies.put("sc-lb-instance-id", servedBy.substring(servedBy.indexOf('/') + 1));
			return this;
		}

		/** A new account, logged in; its email. */
		String signUpAndLogIn() {
			String email = "shopper-" + UUID.randomUUID() + "@example.com";
			post("/api/account/signup", StoreApi.account(email)).expectStatus().isCreated();
			logIn(email).expectStatus().isOk();
			return email;
		}

		ResponseSpec logIn(String email) {
			return post("/api/session/login", StoreApi.credentials(email));
		}

		ResponseSpec get(String path) {
			return this.client.get().uri(path).exchange();
		}

		/** A write from the store's page; anything but a success fails the test. */
		ResponseSpec post(String path, String json) {
			ResponseSpec response = this.client.post()
				.uri(path)
				.header("Origin", this.origin)
				.contentType(MediaType.APPLICATION_JSON)
				.body(json)
				.exchange();
			response.expectStatus().is2xxSuccessful();
			return response;
		}

		Set<String> servedBy() {
			return this.servedBy;
		}

		/**
		 * Sends the cookies it holds; keeps those it is given, forgets those it is told
		 * to expire, and notes the session-service instance that served the request.
		 */
		private ClientHttpResponse keepCookies(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			if (!this.cookies.isEmpty()) {
				List<String> pairs = new ArrayList<>();
				this.cookies.forEach((name, value) -> pairs.add(name + "=" + value));
				request.getHeaders().set(HttpHeaders.COOKIE, String.join("; ", pairs));
			}
			ClientHttpResponse response = execution.execute(request, body);
			response.getHeaders()
				.getOrEmpty(HttpHeaders.SET_COOKIE)
				.stream()
				.flatMap((header) -> HttpCookie.parse(header).stream())
				.forEach((cookie) -> {
					if (cookie.getMaxAge() == 0) {
						this.cookies.remove(cookie.getName());
					}
					else {
						this.cookies.put(cookie.getName(), cookie.getValue());
					}
				});
			String served = response.getHeaders().getFirst("X-Served-By");
			if (served != null && served.startsWith("session-service/")) {
				this.servedBy.add(served);
			}
			return response;
		}

	}

}
