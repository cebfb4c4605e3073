package io.statewise.session.cart;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.statewise.testkit.Answers;
import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import io.statewise.testkit.TestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@SessionTest
class CartTests {

	@LocalServerPort
	int port;

	Browser guest;

	@BeforeEach
	void newGuest() {
		this.guest = new Browser(TestUsers.randomAddress());
	}

	@Test
	void readingAnEmptyCartShouldNotCreateASession() {
		this.guest.cart(this.port)
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			.expectBody()
			.jsonPath("$.lines.length()")
			.isEqualTo(0);
	}

	@Test
	void guestShouldAddChangeRemoveAndClearLines() {
		this.guest.addLine(this.port, "TEA-001", 2);
		this.guest.addLine(this.port, "TEA-001", 1);
		this.guest.addLine(this.port, "CUP-002", 1);
		assertThat(quantities()).isEqualTo("TEA-001=3,CUP-002=1");

		this.guest.put(this.port, "/api/cart/lines/CUP-002", "{\"quantity\":4}");
		assertThat(quantities()).isEqualTo("TEA-001=3,CUP-002=4");

		this.guest.delete(this.port, "/api/cart/lines/TEA-001");
		assertThat(quantities()).isEqualTo("CUP-002=4");

		this.guest.delete(this.port, "/api/cart")
			.expectBody()
			.jsonPath("$.lines.length()")
			.isEqualTo(0)
			.jsonPath("$.totalQuantity")
			.isEqualTo(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"productId\":\"TEA-001\",\"quantity\":0}",
			"{\"productId\":\"TEA-001\",\"quantity\":101}", "{\"productId\":\"tea 1\",\"quantity\":1}",
			"{\"quantity\":1}", "{\"productId\":\"TEA-001\"", "{\"productId\":\"TEA-001\",\"quantity\":\"two\"}",
			"{\"productId\":\"TEA-001\",\"quantity\":1.5}", "{\"productId\":\"TEA-001\",\"quantity\":\"1\"}",
			"{\"productId\":\"TEA-001\",\"quantity\":true}", "{\"productId\":42,\"quantity\":1}" })
	void badLinesShouldAnswerBadRequestAndLeaveTheCartAlone(String body) {
		this.guest.addLine(this.port, "BOK-001", 1);
		expectProblem(this.guest.post(this.port, "/api/cart/lines", body), 400);
		assertThat(quantities()).isEqualTo("BOK-001=1");
	}

	@Test
	void addingBeyondTheLimitsShouldAnswerUnprocessableAndKeepTheCart() {
		this.guest.addLine(this.port, "TEA-001", 100);
		expectProblem(this.guest.addLine(this.port, "TEA-001", 1), 422).jsonPath("$.title").isEqualTo("Cart limit");
		for (int i = 1; i < Cart.MAX_LINES; i++) {
			this.guest.addLine(this.port, "P-" + i, 1);
		}
		this.guest.addLine(this.port, "P-X", 1).expectStatus().isEqualTo(422);
		this.guest.cart(this.port).expectBody().jsonPath("$.lines.length()").isEqualTo(Cart.MAX_LINES);
	}

	@Test
	void wrongContentTypeShouldAnswerUnsupportedMediaType() {
		expectProblem(lineAs("text/plain"), 415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "multipart/form-data" })
	void wildcardAndMultipartBodiesShouldAnswerUnsupportedMediaTypeProblems(String contentType) {
		expectProblem(lineAs(contentType), 415);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/api/cart/lines/%00", "/api/cart/lines/a;b", "/api/cart/lines/%25", "/api/cart/lines/%0d%0a" })
	void malformedPathsShouldAnswerBadRequestProblems(String path) {
		expectProblem(deleteAsSent(path), 400).jsonPath("$.status").isEqualTo(400);
	}

	@Test
	void everyProblemShouldNameItsKindAndThePathItIsAbout() {
		ResponseSpec invalid = this.guest.addLine(this.port, "tea 1", 1);
		ResponseSpec anonymous = this.guest.get(this.port, "/api/account/me");
		ResponseSpec unsupported = this.guest.post(this.port, "/api/cart/lines", "{}", "*/*");
		ResponseSpec malformed = deleteAsSent("/api/cart/lines/a;b");

		expectShape(invalid, 400, "/api/cart/lines");
		expectShape(anonymous, 401, "/api/account/me").jsonPath("$.type")
			.isEqualTo("urn:statewise:problem:login-required");
		expectShape(unsupported, 415, "/api/cart/lines");
		expectShape(malformed, 400, "/api/cart/lines/a;b");
	}

	/** A good line, declared as another content type. */
	private ResponseSpec lineAs(String contentType) {
		return this.guest.post(this.port, "/api/cart/lines", Browser.line("TEA-001", 1), contentType);
	}

	/** A DELETE of a path sent as it is, not encoded. */
	private ResponseSpec deleteAsSent(String path) {
		return this.guest.client().delete().uri(TestClients.exactly(this.port, path)).exchange();
	}

	private static BodyContentSpec expectShape(ResponseSpec problem, int status, String instance) {
		return expectProblem(problem, status).jsonPath("$.type")
			.value(String.class, (type) -> assertThat(type).startsWith("urn:statewise:problem:"))
			.jsonPath("$.title")
			.value(String.class, (title) -> assertThat(title).isNotBlank())
			.jsonPath("$.status")
			.isEqualTo(status)
			.jsonPath("$.instance")
			.isEqualTo(instance);
	}

	/** The cart's lines as {@code TEA-001=3,CUP-002=1}, in the cart's order. */
	private String quantities() {
		List<Map<String, Object>> lines = Answers.read(this.guest.cart(this.port).expectStatus().isOk(), "$.lines");
		return lines.stream()
			.map((line) -> line.get("productId") + "=" + line.get("quantity"))
			.collect(Collectors.joining(","));
	}

}
