package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a problem+json answer, and writes nothing at all. */
@OrderTest
class CheckoutBadInputTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	Shop shop;

	RestTestClient client;

	@BeforeEach
	void client() {
		this.shop = new Shop(this.port, this.context);
		this.client = this.shop.client();
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
		assertNothingWritten(() -> expectProblem(this.shop.checkout(user(), key(), body), 400));
	}

	@Test
	void oversizedCartShouldAnswerBadRequestNamingTheLimit() {
		Object[] lines = new Object[2 * (CheckoutRequest.MAX_LINES + 1)];
		for (int i = 0; i < lines.length; i += 2) {
			lines[i] = "X-" + i;
			lines[i + 1] = 1;
		}
		assertNothingWritten(
				() -> expectProblem(this.shop.checkout(user(), key(), lines(lines)), 400).jsonPath("$.detail")
					.value(String.class, (detail) -> assertThat(detail).contains("lines")));
	}

	@Test
	void missingCallerShouldBeUnauthorized() {
		assertNothingWritten(() -> {
			expectProblem(unsigned(lines("CUP-001", 1)), 401);
			expectProblem(unsigned("not json"), 401).jsonPath("$.title").isEqualTo("Not signed in");
			expectProblem(this.client.get().uri("/api/orders").exchange(), 401);
			expectProblem(this.client.get().uri("/api/orders/{id}", UUID.randomUUID()).exchange(), 401);
		});
	}

	@Test
	void missingOrInvalidIdempotencyKeyShouldAnswerBadRequest() {
		assertNothingWritten(() -> {
			expectProblem(this.client.post()
				.uri("/api/orders")
				.header(TestIdentity.HEADER, TestIdentity.of(user()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(lines("CUP-001", 1))
				.exchange(), 400);
			expectProblem(this.shop.checkout(user(), "short", lines("CUP-001", 1)), 400);
			expectProblem(this.shop.checkout(user(), "x".repeat(101), lines("CUP-001", 1)), 400);
			expectProblem(this.shop.checkout(user(), "spaces are not allowed", lines("CUP-001", 1)), 400);
		});
	}

	@Test
	void wrongContentTypeShouldAnswerUnsupportedMediaType() {
		assertNothingWritten(() -> expectProblem(this.client.post()
			.uri("/api/orders")
			.header(TestIdentity.HEADER, TestIdentity.of(user()))
			.header("Idempotency-Key", key())
			.contentType(MediaType.TEXT_PLAIN)
			.body(lines("CUP-001", 1))
			.exchange(), 415));
	}

	@Test
	void malformedOrderIdAndPageShouldAnswerBadRequest() {
		expectProblem(this.shop.get(user(), "/api/orders/not-a-uuid"), 400);
		expectProblem(this.shop.get(user(), "/api/orders?size=1000"), 400);
		expectProblem(this.shop.get(user(), "/api/orders?page=-1"), 400);
	}

	@Test
	void unknownRouteAndWrongMethodShouldAnswerProblems() {
		expectProblem(this.shop.get(user(), "/nothing-here"), 404);
		expectProblem(this.client.method(HttpMethod.DELETE)
			.uri("/api/orders")
			.header(TestIdentity.HEADER, TestIdentity.of(user()))
			.exchange(), 405);
	}

	@Test
	void cancellingAnUnknownOrderShouldBeNotFound() {
		assertNothingWritten(() -> expectProblem(this.shop.cancel(user(), UUID.randomUUID()), 404));
	}

	/** A checkout with a key but without the caller's identity. */
	private RestTestClient.ResponseSpec unsigned(String body) {
		return this.client.post()
			.uri("/api/orders")
			.header("Idempotency-Key", key())
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange();
	}

	private void assertNothingWritten(Runnable request) {
		String counts = "SELECT (SELECT count(*) FROM orders) || '/' || (SELECT count(*) FROM order_status_history)";
		String before = this.jdbc.sql(counts).query(String.class).single();
		request.run();
		assertThat(this.jdbc.sql(counts).query(String.class).single()).isEqualTo(before);
	}

}
