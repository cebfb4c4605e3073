package io.statewise.inventory.reservation;

import java.util.UUID;

import io.statewise.inventory.InventoryTest;
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

import static io.statewise.testkit.Http.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a problem+json answer, and writes nothing at all. */
@InventoryTest
class ReservationBadInputTests {

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
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":\"many\"}]}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":1},{\"productId\":\"CUP-001\",\"quantity\":2}]}" })
	void invalidBodyShouldAnswerBadRequestAndWriteNothing(String body) {
		assertNothingWritten(() -> {
			Response response = this.http.put("/internal/reservations/" + UUID.randomUUID(), body);
			assertProblem(response, 400);
		});
	}

	@Test
	void tooManyLinesShouldAnswerBadRequestNamingTheLimit() {
		Object[] lines = new Object[2 * (ReservationRequest.MAX_LINES + 1)];
		for (int i = 0; i < lines.length; i += 2) {
			lines[i] = "X-" + i;
			lines[i + 1] = 1;
		}
		assertNothingWritten(() -> {
			Response response = this.http.put("/internal/reservations/" + UUID.randomUUID(), lines(lines));
			assertProblem(response, 400);
			assertThat(response.json().get("detail").asString()).contains("lines");
		});
	}

	@Test
	void unknownProductShouldAnswerNotFoundAndReserveNothingElse() {
		assertNothingWritten(() -> {
			Response response = this.http.put("/internal/reservations/" + UUID.randomUUID(),
					lines("CUP-001", 1, "NOPE-404", 1));
			assertProblem(response, 404);
			assertThat(response.json().get("unknownProducts").get(0).asString()).isEqualTo("NOPE-404");
		});
	}

	@Test
	void onlyUnknownProductsShouldAnswerNotFound() {
		assertNothingWritten(() -> assertProblem(
				this.http.put("/internal/reservations/" + UUID.randomUUID(), lines("NOPE-1", 1, "NOPE-2", 1)), 404));
	}

	@Test
	void wrongContentTypeShouldAnswerUnsupportedMediaType() {
		assertNothingWritten(() -> assertProblem(this.http.send("PUT", "/internal/reservations/" + UUID.randomUUID(),
				lines("CUP-001", 1), "Content-Type", "text/plain"), 415));
	}

	@Test
	void malformedOrderIdShouldAnswerBadRequest() {
		assertNothingWritten(
				() -> assertProblem(this.http.put("/internal/reservations/not-a-uuid", lines("CUP-001", 1)), 400));
	}

	@Test
	void unknownRouteAndWrongMethodShouldAnswerProblems() {
		assertProblem(this.http.get("/internal/nothing-here"), 404);
		assertProblem(this.http.send("DELETE", "/internal/reservations/" + UUID.randomUUID(), ""), 405);
	}

	@Test
	void releaseOrCommitOfAnUnknownOrderShouldNotTouchStock() {
		assertNothingWritten(() -> assertProblem(
				this.http.post("/internal/reservations/" + UUID.randomUUID() + "/commit", ""), 404));
	}

	@Test
	void restockWithoutACallerShouldBeUnauthorizedAndWithoutTheAdminRoleForbidden() {
		assertNothingWritten(() -> {
			assertProblem(this.http.post("/api/catalog/products/CUP-001/restock", "{\"quantity\":5}"), 401);
			assertProblem(this.http.post("/api/catalog/products/CUP-001/restock", "{\"quantity\":5}",
					TestIdentity.HEADER, TestIdentity.of("a-customer", "customer")), 403);
		});
	}

	@Test
	void restockByAnAdminShouldAddStockOncePerIdempotencyKey() {
		int before = this.http.get("/api/catalog/products/CUP-004/stock").json().get("available").asInt();
		String key = UUID.randomUUID().toString();
		for (int attempt = 0; attempt < 2; attempt++) {
			Response response = this.http.post("/api/catalog/products/CUP-004/restock", "{\"quantity\":5}",
					TestIdentity.HEADER, TestIdentity.of("an-admin", "customer", "admin"), "Idempotency-Key", key);
			assertThat(response.status()).isEqualTo(200);
		}
		assertThat(this.http.get("/api/catalog/products/CUP-004/stock").json().get("available").asInt())
			.isEqualTo(before + 5);
		assertProblem(this.http.post("/api/catalog/products/CUP-004/restock", "{\"quantity\":0}", TestIdentity.HEADER,
				TestIdentity.of("an-admin", "admin")), 400);
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	private void assertNothingWritten(Runnable request) {
		String counts = "SELECT (SELECT count(*) FROM reservation) || '/' || (SELECT count(*) FROM stock_movement)"
				+ " || '/' || (SELECT sum(available) FROM stock)";
		String before = this.jdbc.sql(counts).query(String.class).single();
		request.run();
		assertThat(this.jdbc.sql(counts).query(String.class).single()).isEqualTo(before);
	}

}
