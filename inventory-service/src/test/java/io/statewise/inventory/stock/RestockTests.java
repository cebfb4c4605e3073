package io.statewise.inventory.stock;

import java.util.UUID;

import io.statewise.inventory.InventoryTest;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.statewise.inventory.InventoryRequests.restock;
import static io.statewise.inventory.InventoryRequests.admin;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key names one restock: repeated, it replays; reused for another restock,
 * it is refused like a reused checkout key, so an administrator never believes units were
 * added that were not.
 */
@InventoryTest
class RestockTests {

	@Autowired
	RestTestClient client;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBareAdminHeaderShouldAnswerUnauthorizedAndAddNothing() {
		int before = available("CUP-005");

		expectProblem(this.client.post()
			.uri("/api/catalog/products/CUP-005/restock")
			.header("X-User-Id", "someone")
			.header("X-User-Roles", "admin")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"quantity\":5}")
			.exchange(), 401).jsonPath("$.title").isEqualTo("Login required");
		assertThat(available("CUP-005")).isEqualTo(before);
	}

	@Test
	void aRestockWithoutACallerShouldBeUnauthorizedAndWithoutTheAdminRoleForbidden() {
		int before = available("CUP-001");

		expectProblem(restock(this.client, "CUP-001", 5, null, null), 401);
		expectProblem(restock(this.client, "CUP-001", 5, TestIdentity.of("a-customer", "customer"), null), 403);

		assertThat(available("CUP-001")).isEqualTo(before);
	}

	@Test
	void aRestockOfNothingShouldAnswerBadRequestAndAddNothing() {
		int before = available("CUP-004");

		expectProblem(restock(this.client, "CUP-004", 0, admin(), UUID.randomUUID().toString()), 400);

		assertThat(available("CUP-004")).isEqualTo(before);
	}

	@Test
	void aReusedKeyWithAnotherQuantityShouldAnswerUnprocessableAndAddNothing() {
		String key = UUID.randomUUID().toString();
		restock(this.client, "CUP-005", 5, admin(), key).expectStatus().isOk();
		int before = available("CUP-005");

		expectProblem(restock(this.client, "CUP-005", 7, admin(), key), 422);

		assertThat(available("CUP-005")).isEqualTo(before);
		assertThat(movements(key)).isOne();
	}

	@Test
	void aReusedKeyForAnotherProductShouldAnswerUnprocessableAndAddNothing() {
		String key = UUID.randomUUID().toString();
		restock(this.client, "CUP-005", 5, admin(), key).expectStatus().isOk();
		int before = available("CUP-006");

		expectProblem(restock(this.client, "CUP-006", 5, admin(), key), 422);

		assertThat(available("CUP-006")).isEqualTo(before);
	}

	@Test
	void aRepeatedRestockShouldReplayWithoutAddingAgain() {
		String key = UUID.randomUUID().toString();
		int before = available("CUP-005");

		for (int attempt = 0; attempt < 2; attempt++) {
			restock(this.client, "CUP-005", 3, TestIdentity.of("an-admin", "customer", "admin"), key).expectStatus()
				.isOk();
		}

		assertThat(available("CUP-005")).isEqualTo(before + 3);
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

}
