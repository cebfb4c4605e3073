package io.statewise.inventory.stock;

import java.util.UUID;

import io.statewise.inventory.InventoryTest;
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key names one restock: repeated, it replays; reused for another restock,
 * it is refused like a reused checkout key, so an administrator never believes units were
 * added that were not.
 */
@InventoryTest
class RestockTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@Test
	void aBareAdminHeaderShouldAnswerUnauthorizedAndAddNothing() {
		int before = available("CUP-005");

		Response forged = this.http.post("/api/catalog/products/CUP-005/restock", "{\"quantity\":5}", "X-User-Id",
				"someone", "X-User-Roles", "admin", "Idempotency-Key", UUID.randomUUID().toString());

		assertProblem(forged, 401);
		assertThat(forged.body()).contains("\"title\":\"Login required\"");
		assertThat(available("CUP-005")).isEqualTo(before);
	}

	@Test
	void aReusedKeyWithAnotherQuantityShouldAnswerUnprocessableAndAddNothing() {
		String key = UUID.randomUUID().toString();
		assertThat(restock("CUP-005", 5, key).status()).isEqualTo(200);
		int before = available("CUP-005");

		Response reused = restock("CUP-005", 7, key);

		assertProblem(reused, 422);
		assertThat(available("CUP-005")).isEqualTo(before);
		assertThat(movements(key)).isOne();
	}

	@Test
	void aReusedKeyForAnotherProductShouldAnswerUnprocessableAndAddNothing() {
		String key = UUID.randomUUID().toString();
		assertThat(restock("CUP-005", 5, key).status()).isEqualTo(200);
		int before = available("CUP-006");

		Response reused = restock("CUP-006", 5, key);

		assertProblem(reused, 422);
		assertThat(available("CUP-006")).isEqualTo(before);
	}

	@Test
	void aRepeatedRestockShouldReplayWithoutAddingAgain() {
		String key = UUID.randomUUID().toString();
		int before = available("CUP-005");

		Response first = restock("CUP-005", 3, key);
		Response repeated = restock("CUP-005", 3, key);

		assertThat(first.status()).isEqualTo(200);
		assertThat(repeated.status()).isEqualTo(200);
		assertThat(available("CUP-005")).isEqualTo(before + 3);
	}

	private Response restock(String product, int quantity, String key) {
		return this.http.post("/api/catalog/products/" + product + "/restock", "{\"quantity\":" + quantity + "}",
				TestIdentity.HEADER, TestIdentity.of("an-admin", "admin"), "Idempotency-Key", key);
	}

	private int available(String product) {
		return this.jdbc.sql("SELECT available FROM stock WHERE product_id = ?")
			.param(product)
			.query(Integer.class)
			.single();
	}

	private long movements(String key) {
		return this.jdbc.sql("SELECT count(*) FROM stock_movement WHERE restock_key = ?")
			.param(key)
			.query(Long.class)
			.single();
	}

	private static void assertProblem(Response response, int status) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

}
