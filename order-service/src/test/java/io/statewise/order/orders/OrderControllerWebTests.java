package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.order.orders.OrderRefusal.Reason;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The orders API's web mapping alone (a {@code @WebMvcTest} slice: no server, no
 * database, the domain mocked): how the domain's refusals and a request's own faults are
 * answered, with the types and titles clients rely on (docs/problems.md). The domain
 * itself is tested against the real PostgreSQL ({@code CheckoutTests} and the others
 * started with {@code @OrderTest}).
 */
@WebMvcTest(OrderController.class)
class OrderControllerWebTests {

	private static final String USER = "3a7c1f0e-2b4d-4e6f-8a9b-0c1d2e3f4a5b";

	private static final String KEY = "checkout-key-1";

	private static final String CART = "{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":1}]}";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	OrderService orders;

	@MockitoBean
	CheckoutAnswers answers;

	@ParameterizedTest
	@CsvSource({ "UNKNOWN_ORDER, 404, Unknown order, unknown-order",
			"NOT_CANCELLABLE, 409, Order not cancellable, order-not-cancellable" })
	void aRefusedCancelShouldBeItsProblem(Reason reason, int status, String title, String type) {
		UUID id = UUID.randomUUID();
		given(this.orders.cancel(USER, id)).willThrow(new OrderRefusal(reason, id));
		MvcTestResult result = signedIn(this.mvc.post().uri("/api/orders/{id}/cancel", id)).exchange();
		assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(title);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("urn:statewise:problem:" + type);
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/api/orders/" + id + "/cancel");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(id.toString());
	}

	@Test
	void anUnknownOrderShouldBeNotFound() {
		UUID id = UUID.randomUUID();
		given(this.orders.get(USER, id)).willThrow(new OrderRefusal(Reason.UNKNOWN_ORDER, id));
		assertThat(signedIn(this.mvc.get().uri("/api/orders/{id}", id))).hasStatus(404)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Unknown order");
	}

	@Test
	void aKeyReusedForAnotherCartShouldNameTheOrderItPlaced() {
		UUID placed = UUID.randomUUID();
		given(this.orders.checkout(eq(USER), eq(KEY), anyList()))
			.willThrow(new OrderRefusal(Reason.KEY_REUSED, placed));
		MvcTestResult result = checkout(KEY).exchange();
		assertThat(result).hasStatus(422).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Idempotency-Key reused");
		assertThat(result).bodyJson().extractingPath("$.orderId").isEqualTo(placed.toString());
	}

	@ParameterizedTest
	@CsvSource(value = { "NULL", "short", "has spaces in it", "ünïcode-key" }, nullValues = "NULL")
	void aCheckoutWithoutAValidKeyShouldBeRefusedBeforeTheDomainIsAsked(String key) {
		assertThat(checkout(key)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Idempotency-Key required");
		verifyNoInteractions(this.orders, this.answers);
	}

	@Test
	void aRequestWithoutASignedCallerShouldBeUnauthorizedBeforeTheDomainIsAsked() {
		assertThat(this.mvc.get().uri("/api/orders")).hasStatus(401)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Not signed in");
		assertThat(this.mvc.get().uri("/api/orders").header(TestIdentity.HEADER, "garbage")).hasStatus(401);
		verifyNoInteractions(this.orders);
	}

	@Test
	void aPageOutOfRangeShouldBeAnInvalidRequest() {
		assertThat(signedIn(this.mvc.get().uri("/api/orders?size=101"))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Invalid request");
		verifyNoInteractions(this.orders);
	}

	private MockMvcRequestBuilder signedIn(MockMvcRequestBuilder request) {
		return request.header(TestIdentity.HEADER, TestIdentity.of(USER));
	}

	private MockMvcRequestBuilder checkout(String key) {
		MockMvcRequestBuilder request = signedIn(
				this.mvc.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).content(CART));
		return (key != null) ? request.header(OrderController.IDEMPOTENCY_KEY, key) : request;
	}

}
