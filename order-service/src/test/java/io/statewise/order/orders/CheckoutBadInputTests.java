package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.order.OrderTest;
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a problem+json answer, and writes nothing at all. */
@OrderTest
class CheckoutBadInputTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":0}]}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":-1}]}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":101}]}",
			"{\"lines\":[{\"productId\":\"cup 1\",\"quantity\":1}]}", "{\"lines\":[{\"quantity\":1}]}",
			"{\"lines\":[]}", "{}", "{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":1}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":\"many\"}]}", "not json",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":1},{\"productId\":\"CUP-001\",\"quantity\":2}]}" })
	void invalidCartShouldAnswerBadRequestAndWriteNothing(String body) {
		assertNothingWritten(() -> assertProblem(checkout(user(), key(), body), 400));
	}

	@Test
	void oversizedCartShouldAnswerBadRequestNamingTheLimit() {
		Object[] lines = new Object[2 * (CheckoutRequest.MAX_LINES + 1)];
		for (int i = 0; i < lines.length; i += 2) {
			lines[i] = "X-" + i;
			lines[i + 1] = 1;
		}
		assertNothingWritten(() -> {
			Response response = checkout(user(), key(), lines(lines));
			assertProblem(response, 400);
			assertThat(response.json().get("detail").asString()).contains("lines");
		});
	}

	@Test
	void missingCallerShouldBeUnauthorized() {
		assertNothingWritten(() -> {
			assertProblem(this.http.post("/api/orders", lines("CUP-001", 1), "Idempotency-Key", key()), 401);
			Response notJson = this.http.post("/api/orders", "not json", "Idempotency-Key", key());
			assertProblem(notJson, 401);
			assertThat(notJson.body()).contains("\"title\":\"Not signed in\"");
			assertProblem(this.http.get("/api/orders"), 401);
			assertProblem(this.http.get("/api/orders/" + UUID.randomUUID()), 401);
		});
	}

	@Test
	void missingOrInvalidIdempotencyKeyShouldAnswerBadRequest() {
		assertNothingWritten(() -> {
			assertProblem(
					this.http.post("/api/orders", lines("CUP-001", 1), TestIdentity.HEADER, TestIdentity.of(user())),
					400);
			assertProblem(checkout(user(), "short", lines("CUP-001", 1)), 400);
			assertProblem(checkout(user(), "x".repeat(101), lines("CUP-001", 1)), 400);
			assertProblem(checkout(user(), "spaces are not allowed", lines("CUP-001", 1)), 400);
		});
	}

	@Test
	void wrongContentTypeShouldAnswerUnsupportedMediaType() {
		assertNothingWritten(
				() -> assertProblem(this.http.send("POST", "/api/orders", lines("CUP-001", 1), "Content-Type",
						"text/plain", TestIdentity.HEADER, TestIdentity.of(user()), "Idempotency-Key", key()), 415));
	}

	@Test
	void malformedOrderIdAndPageShouldAnswerBadRequest() {
		assertProblem(this.http.get("/api/orders/not-a-uuid", TestIdentity.HEADER, TestIdentity.of(user())), 400);
		assertProblem(this.http.get("/api/orders?size=1000", TestIdentity.HEADER, TestIdentity.of(user())), 400);
		assertProblem(this.http.get("/api/orders?page=-1", TestIdentity.HEADER, TestIdentity.of(user())), 400);
	}

	@Test
	void unknownRouteAndWrongMethodShouldAnswerProblems() {
		assertProblem(this.http.get("/nothing-here", TestIdentity.HEADER, TestIdentity.of(user())), 404);
		assertProblem(this.http.send("DELETE", "/api/orders", "", TestIdentity.HEADER, TestIdentity.of(user())), 405);
	}

	@Test
	void cancellingAnUnknownOrderShouldBeNotFound() {
		assertNothingWritten(() -> assertProblem(this.http.post("/api/orders/" + UUID.randomUUID() + "/cancel", "",
				TestIdentity.HEADER, TestIdentity.of(user())), 404));
	}

	private Response checkout(String user, String key, String body) {
		return this.http.post("/api/orders", body, TestIdentity.HEADER, TestIdentity.of(user), "Idempotency-Key", key);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	private void assertNothingWritten(Runnable request) {
		String counts = "SELECT (SELECT count(*) FROM orders) || '/' || (SELECT count(*) FROM order_status_history)";
		String before = this.jdbc.sql(counts).query(String.class).single();
		request.run();
		assertThat(this.jdbc.sql(counts).query(String.class).single()).isEqualTo(before);
	}

}
