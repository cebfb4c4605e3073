package io.statewise.localstack;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.testkit.TestClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.RequestBodySpec;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
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

	static final String TEAS = "/api/catalog/products?category=tea";

	@Test
	void shopperShouldBrowseLogInFillTheCartAndCheckOutThroughTheGateway(Stack stack) {
		Shopper shopper = new Shopper(stack);

		shopper.get(TEAS)
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items")
			.isArray()
			.jsonPath("$.items")
			.isNotEmpty();
		shopper.signUpAndLogInOrFail();
		shopper.addLine("TEA-003", 2).expectStatus().isOk();

		ResponseSpec checkout = shopper.checkOut(LINES, UUID.randomUUID().toString());

		checkout.expectStatus().value((status) -> assertThat(status).isIn(201, 202));
		String order = "/api/orders/" + Answers.read(checkout, "$.id");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> shopper.get(order).expectBody().jsonPath("$.status").isEqualTo("CONFIRMED"));
		StoreApi.consistency(stack, 8081).expectBody().jsonPath("$.consistent").isEqualTo(true);
	}

	@Test
	void forgedUserHeaderShouldNotOpenAnybodysOrders(Stack stack) {
		ResponseSpec response = StoreApi.gateway(stack)
			.get()
			.uri("/api/orders")
			.header("X-User-Id", UUID.randomUUID().toString())
			.exchange();

		expectProblem(response, 401);
	}

	@Test
	void bareIdentityHeadersStraightToTheServicesShouldOpenNothing(Stack stack) {
		ResponseSpec orders = TestClients.to(8083 + stack.portOffset())
			.get()
			.uri("/api/orders")
			.header("X-User-Id", UUID.randomUUID().toString())
			.exchange();
		ResponseSpec restock = TestClients.to(8081 + stack.portOffset())
			.post()
			.uri("/api/catalog/products/TEA-001/restock")
			.header("X-User-Id", "someone")
			.header("X-User-Roles", "admin")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":5}")
			.exchange();

		orders.expectStatus().isUnauthorized();
		restock.expectStatus().isUnauthorized();
	}

	static Shopper loggedInShopper(Stack stack) {
		Shopper shopper = new Shopper(stack);
		shopper.signUpAndLogInOrFail();
		return shopper;
	}

	/**
	 * A browser on the store's own origin: it keeps the session cookie it is given (in a
	 * request interceptor, docs/adr/0026), and sends its origin with every write.
	 */
	static final class Shopper {

		private final RestTestClient client;

		private final String origin;

		private volatile @Nullable String cookie;

		Shopper(Stack stack) {
			this.origin = "http://127.0.0.1:" + (8080 + stack.portOffset());
			this.client = TestClients.builder(8080 + stack.portOffset()).requestInterceptor(this::keepCookie).build();
		}

		/** A new account, logged in; true when both answered as they should. */
		boolean signUpAndLogIn() {
			String email = email();
			return Answers.status(signUp(email)) == 201 && Answers.status(logIn(email)) == 200;
		}

		/** A new account, logged in, or the test fails with the answer that refused. */
		void signUpAndLogInOrFail() {
			String email = email();
			signUp(email).expectStatus().isCreated();
			logIn(email).expectStatus().isOk();
		}

		ResponseSpec signUp(String email) {
			return post("/api/account/signup", StoreApi.account(email));
		}

		ResponseSpec logIn(String email) {
			return post("/api/session/login", StoreApi.credentials(email));
		}

		ResponseSpec addLine(String productId, int quantity) {
			return post("/api/cart/lines", StoreApi.line(productId, quantity));
		}

		ResponseSpec checkOut(String lines, String idempotencyKey) {
			return write(this.client.post().uri("/api/orders").header("Idempotency-Key", idempotencyKey), lines);
		}

		ResponseSpec get(String path) {
			return this.client.get().uri(path).exchange();
		}

		ResponseSpec post(String path, String json) {
			return write(this.client.post().uri(path), json);
		}

		ResponseSpec put(String path, String json) {
			return write(this.client.put().uri(path), json);
		}

		/** The session cookie, {@code SESSION=...}. */
		String cookie() {
			return String.valueOf(this.cookie);
		}

		private ResponseSpec write(RequestBodySpec request, String json) {
			return request.header("Origin", this.origin).contentType(MediaType.APPLICATION_JSON).body(json).exchange();
		}

		private ClientHttpResponse keepCookie(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			String cookie = this.cookie;
			if (cookie != null) {
				request.getHeaders().set(HttpHeaders.COOKIE, cookie);
			}
			ClientHttpResponse response = execution.execute(request, body);
			String setCookie = response.getHeaders().getFirst(HttpHeaders.SET_COOKIE);
			if (setCookie != null && setCookie.startsWith("SESSION=")) {
				this.cookie = setCookie.substring(0, setCookie.indexOf(';'));
			}
			return response;
		}

		private static String email() {
			return "shopper-" + UUID.randomUUID() + "@example.com";
		}

	}

}
