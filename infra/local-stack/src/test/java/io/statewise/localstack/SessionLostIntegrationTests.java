package io.statewise.localstack;

import java.net.HttpCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.testkit.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

	private static final String PASSWORD = "correct horse battery";

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
		shopper.post("/api/cart/lines", "{\"productId\":\"TEA-002\",\"quantity\":2}");
		shopper.post("/api/cart/lines", "{\"productId\":\"TEA-003\",\"quantity\":1}");
		assertThat(shopper.get("/api/cart").header("X-Session-Mode")).isEqualTo("memory");
		assertThat(shopper.servedBy()).as("one instance served every request").hasSize(1);
		String holder = shopper.servedBy().iterator().next();
		Browser other = new Browser(stack).pinnedTo(survivor(holder));
		other.signUpAndLogIn();
		other.post("/api/cart/lines", "{\"productId\":\"TEA-002\",\"quantity\":1}");

		this.killed = stack.serving(holder);
		stack.post("/components/" + this.killed + "/kill");
		// until the gateway's next readiness round (about a second) it still routes to
		// the dead instance and answers 503, and so does a retry chosen after that round
		// (HolderOrNone); never the other instance, which has no such session
		Http.Response lost = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> shopper.get("/api/cart"), (answer) -> answer.status() != 503);

		assertThat(lost.status()).as(lost.body()).isEqualTo(401);
		assertThat(lost.json().get("type").asString()).isEqualTo("urn:statewise:problem:session-lost");
		assertThat(lost.json().get("detail").asString()).contains(holder.substring(holder.indexOf('/') + 1));
		assertThat(shopper.cookies).as("both cookies cleared").isEmpty();
		assertThat(shopper.logIn(email).status()).isEqualTo(200);
		assertThat(shopper.get("/api/cart").json().get("totalQuantity").asInt()).as("the cart died").isZero();
		Http.Response otherCart = other.get("/api/cart");
		assertThat(otherCart.status()).as(otherCart.body()).isEqualTo(200);
		assertThat(otherCart.json().get("totalQuantity").asInt()).as("the survivor's session").isOne();
		assertThat(otherCart.header("X-Served-By")).isEqualTo(survivor(holder));
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

		private final Http http;

		private final String origin;

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private final Set<String> servedBy = new LinkedHashSet<>();

		Browser(Stack stack) {
			this.http = new Http(8080 + stack.portOffset());
			this.origin = "http://127.0.0.1:" + (8080 + stack.portOffset());
		}

		/** Starts on that session-service instance, as if it had reached it first. */
		Browser pinnedTo(String servedBy) {
			this.cookies.put("sc-lb-instance-id", servedBy.substring(servedBy.indexOf('/') + 1));
			return this;
		}

		/** A new account, logged in; its email. */
		String signUpAndLogIn() {
			String email = "shopper-" + UUID.randomUUID() + "@example.com";
			assertThat(post("/api/account/signup",
					"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Ada\"}")
				.status()).isEqualTo(201);
			assertThat(logIn(email).status()).isEqualTo(200);
			return email;
		}

		Http.Response logIn(String email) {
			return post("/api/session/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
		}

		Http.Response get(String path) {
			return keep(this.http.get(path, cookieHeader()));
		}

		Http.Response post(String path, String json) {
			List<String> headers = new ArrayList<>(List.of(cookieHeader()));
			headers.addAll(List.of("Origin", this.origin));
			Http.Response response = keep(this.http.post(path, json, headers.toArray(String[]::new)));
			assertThat(response.status()).as(path + ": " + response.body()).isLessThan(300);
			return response;
		}

		Set<String> servedBy() {
			return this.servedBy;
		}

		private String[] cookieHeader() {
			if (this.cookies.isEmpty()) {
				return new String[0];
			}
			List<String> pairs = new ArrayList<>();
			this.cookies.forEach((name, value) -> pairs.add(name + "=" + value));
			return new String[] { "Cookie", String.join("; ", pairs) };
		}

		private Http.Response keep(Http.Response response) {
			response.headers()
				.entrySet()
				.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase("Set-Cookie"))
				.flatMap((header) -> header.getValue().stream())
				.flatMap((header) -> HttpCookie.parse(header).stream())
				.forEach((cookie) -> {
					if (cookie.getMaxAge() == 0) {
						this.cookies.remove(cookie.getName());
					}
					else {
						this.cookies.put(cookie.getName(), cookie.getValue());
					}
				});
			String served = response.header("X-Served-By");
			if (served.startsWith("session-service/")) {
				this.servedBy.add(served);
			}
			return response;
		}

	}

}
