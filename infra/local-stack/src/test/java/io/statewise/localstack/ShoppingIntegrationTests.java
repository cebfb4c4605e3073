package io.statewise.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.testkit.Http;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shopper's whole journey through the gateway, against the real services, PostgreSQL
 * and Redis: browse, sign up, log in, fill the cart, check out. Protects the wiring that
 * no single service's tests can see: routes, cookies through the gateway, edge
 * authentication, same-origin writes, order-service reserving at inventory-service, and
 * stock that still adds up afterwards.
 */
@Order(2)
@ExtendWith(LocalStackExtension.class)
class ShoppingIntegrationTests {

	static final String LINES = "{\"lines\":[{\"productId\":\"TEA-003\",\"quantity\":2}]}";

	@Test
	void shopperShouldBrowseLogInFillTheCartAndCheckOutThroughTheGateway(Stack stack) {
		Shopper shopper = new Shopper(stack);

		Http.Response tea = shopper.get("/api/catalog/products?category=tea");
		assertThat(tea.status()).as(tea.body()).isEqualTo(200);
		assertThat(tea.json().get("items").size()).isPositive();
		assertThat(shopper.signUpAndLogIn()).as(shopper::last).isTrue();
		Http.Response added = shopper.post("/api/cart/lines", "{\"productId\":\"TEA-003\",\"quantity\":2}");
		assertThat(added.status()).as(added.body()).isEqualTo(200);

		Http.Response checkout = shopper.post("/api/orders", LINES, "Idempotency-Key", UUID.randomUUID().toString());

		assertThat(checkout.status()).as(checkout.body()).isIn(201, 202);
		String order = "/api/orders/" + checkout.json().get("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> shopper.get(order).json().get("status").asString(), (status) -> status.equals("CONFIRMED"));
		Http.Response consistency = new Http(8081 + stack.portOffset()).get("/internal/consistency");
		assertThat(consistency.json().get("consistent").asBoolean()).as(consistency.body()).isTrue();
	}

	@Test
	void forgedUserHeaderShouldNotOpenAnybodysOrders(Stack stack) {
		Http.Response response = new Http(8080 + stack.portOffset()).get("/api/orders", "X-User-Id",
				UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void bareIdentityHeadersStraightToTheServicesShouldOpenNothing(Stack stack) {
		Http.Response orders = new Http(8083 + stack.portOffset()).get("/api/orders", "X-User-Id",
				UUID.randomUUID().toString());
		Http.Response restock = new Http(8081 + stack.portOffset()).post("/api/catalog/products/TEA-001/restock",
				"{\"quantity\":5}", "X-User-Id", "someone", "X-User-Roles", "admin", "Idempotency-Key",
				UUID.randomUUID().toString());

		assertThat(orders.status()).isEqualTo(401);
		assertThat(restock.status()).isEqualTo(401);
	}

	static Shopper loggedInShopper(Stack stack) {
		Shopper shopper = new Shopper(stack);
		assertThat(shopper.signUpAndLogIn()).as(shopper::last).isTrue();
		return shopper;
	}

	/** A browser on the store's own origin: it keeps the session cookie it is given. */
	static final class Shopper {

		private final Http http;

		private final String origin;

		private @Nullable String cookie;

		private Http.@Nullable Response last;

		Shopper(Stack stack) {
			this.http = new Http(8080 + stack.portOffset());
			this.origin = "http://127.0.0.1:" + (8080 + stack.portOffset());
		}

		/** A new account, logged in; true when both answered as they should. */
		boolean signUpAndLogIn() {
			String email = "shopper-" + UUID.randomUUID() + "@example.com";
			String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
			return post("/api/account/signup", credentials.replace("}", ",\"displayName\":\"Ada\"}")).status() == 201
					&& post("/api/session/login", credentials).status() == 200;
		}

		Http.Response get(String path) {
			return remember(this.http.get(path, withCookie()));
		}

		Http.Response post(String path, String json, String... headers) {
			List<String> all = new ArrayList<>(List.of(withCookie()));
			all.addAll(List.of("Origin", this.origin));
			all.addAll(List.of(headers));
			return remember(this.http.post(path, json, all.toArray(String[]::new)));
		}

		/** The last answer, to say why a step failed. */
		String last() {
			return (this.last != null) ? this.last.status() + " " + this.last.body() : "no answer yet";
		}

		/** The session cookie, {@code SESSION=...}. */
		String cookie() {
			return String.valueOf(this.cookie);
		}

		Http.Response put(String path, String json) {
			return remember(this.http.send("PUT", path, json, "Content-Type", "application/json", "Origin", this.origin,
					withCookie()[0], withCookie()[1]));
		}

		private String[] withCookie() {
			return (this.cookie != null) ? new String[] { "Cookie", this.cookie } : new String[0];
		}

		private Http.Response remember(Http.Response response) {
			this.last = response;
			String setCookie = response.header("Set-Cookie");
			if (setCookie != null && setCookie.startsWith("SESSION=")) {
				this.cookie = setCookie.substring(0, setCookie.indexOf(';'));
			}
			return response;
		}

	}

}
