package io.statewise.session.cart;

import io.statewise.session.Browser;
import io.statewise.session.Browser.Response;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

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
		Response cart = this.guest.get(this.port, "/api/cart");
		assertThat(cart.json().get("lines").size()).isZero();
		assertThat(cart.setCookies()).isEmpty();
	}

	@Test
	void guestShouldAddChangeRemoveAndClearLines() {
		this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":2}");
		this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":1}");
		this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"CUP-002\",\"quantity\":1}");
		assertThat(quantities()).isEqualTo("TEA-001=3,CUP-002=1");

		this.guest.put(this.port, "/api/cart/lines/CUP-002", "{\"quantity\":4}");
		assertThat(quantities()).isEqualTo("TEA-001=3,CUP-002=4");

		this.guest.delete(this.port, "/api/cart/lines/TEA-001");
		assertThat(quantities()).isEqualTo("CUP-002=4");

		JsonNode cleared = this.guest.delete(this.port, "/api/cart").json();
		assertThat(cleared.get("lines").size()).isZero();
		assertThat(cleared.get("totalQuantity").asInt()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"productId\":\"TEA-001\",\"quantity\":0}",
			"{\"productId\":\"TEA-001\",\"quantity\":101}", "{\"productId\":\"tea 1\",\"quantity\":1}",
			"{\"quantity\":1}", "{\"productId\":\"TEA-001\"", "{\"productId\":\"TEA-001\",\"quantity\":\"two\"}",
			"{\"productId\":\"TEA-001\",\"quantity\":1.5}", "{\"productId\":\"TEA-001\",\"quantity\":\"1\"}",
			"{\"productId\":\"TEA-001\",\"quantity\":true}", "{\"productId\":42,\"quantity\":1}" })
	void badLinesShouldAnswerBadRequestAndLeaveTheCartAlone(String body) {
		this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"BOK-001\",\"quantity\":1}");
		Response response = this.guest.post(this.port, "/api/cart/lines", body);
		assertThat(response.status()).as(body).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(quantities()).isEqualTo("BOK-001=1");
	}

	@Test
	void addingBeyondTheLimitsShouldAnswerUnprocessableAndKeepTheCart() {
		this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":100}");
		Response tooMany = this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":1}");
		assertThat(tooMany.status()).isEqualTo(422);
		assertThat(tooMany.isProblem()).isTrue();
		assertThat(tooMany.json().path("title").asString()).isEqualTo("Cart limit");
		for (int i = 1; i < Cart.MAX_LINES; i++) {
			this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"P-" + i + "\",\"quantity\":1}");
		}
		Response oneLineTooMany = this.guest.post(this.port, "/api/cart/lines",
				"{\"productId\":\"P-X\",\"quantity\":1}");
		assertThat(oneLineTooMany.status()).isEqualTo(422);
		assertThat(this.guest.get(this.port, "/api/cart").json().get("lines").size()).isEqualTo(Cart.MAX_LINES);
	}

	@Test
	void wrongContentTypeShouldAnswerUnsupportedMediaType() {
		Response response = this.guest.send(this.port, "/api/cart/lines", "POST",
				"{\"productId\":\"TEA-001\",\"quantity\":1}", "text/plain");
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.isProblem()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "multipart/form-data" })
	void wildcardAndMultipartBodiesShouldAnswerUnsupportedMediaTypeProblems(String contentType) {
		Response response = this.guest.send(this.port, "/api/cart/lines", "POST",
				"{\"productId\":\"TEA-001\",\"quantity\":1}", contentType);
		assertThat(response.status()).isEqualTo(415);
		assertThat(response.isProblem()).as(response.body()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/api/cart/lines/%00", "/api/cart/lines/a;b", "/api/cart/lines/%25", "/api/cart/lines/%0d%0a" })
	void malformedPathsShouldAnswerBadRequestProblems(String path) {
		Response response = this.guest.delete(this.port, path);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).as(response.body()).isTrue();
		assertThat(response.json().get("status").asInt()).isEqualTo(400);
	}

	@Test
	void everyProblemShouldNameItsKindAndThePathItIsAbout() {
		Response invalid = this.guest.post(this.port, "/api/cart/lines", "{\"productId\":\"tea 1\",\"quantity\":1}");
		Response anonymous = this.guest.get(this.port, "/api/account/me");
		Response unsupported = this.guest.send(this.port, "/api/cart/lines", "POST", "{}", "*/*");
		Response malformed = this.guest.delete(this.port, "/api/cart/lines/a;b");

		assertShape(invalid, 400, "/api/cart/lines");
		assertShape(anonymous, 401, "/api/account/me");
		assertThat(anonymous.json().get("type").asString()).isEqualTo("urn:statewise:problem:login-required");
		assertShape(unsupported, 415, "/api/cart/lines");
		assertShape(malformed, 400, "/api/cart/lines/a;b");
	}

	private static void assertShape(Response problem, int status, String instance) {
		assertThat(problem.status()).isEqualTo(status);
		assertThat(problem.isProblem()).as(problem.body()).isTrue();
		JsonNode body = problem.json();
		assertThat(body.get("type").asString()).as(problem.body()).startsWith("urn:statewise:problem:");
		assertThat(body.get("title").asString()).isNotBlank();
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(body.get("instance").asString()).as(problem.body()).isEqualTo(instance);
	}

	private String quantities() {
		StringBuilder text = new StringBuilder();
		for (JsonNode line : this.guest.get(this.port, "/api/cart").json().get("lines")) {
			text.append((text.length() > 0) ? "," : "")
				.append(line.get("productId").asString())
				.append('=')
				.append(line.get("quantity").asInt());
		}
		return text.toString();
	}

}
