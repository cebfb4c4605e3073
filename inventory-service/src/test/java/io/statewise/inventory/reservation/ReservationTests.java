package io.statewise.inventory.reservation;

import static io.statewise.inventory.InventoryRequests.reserve;
import static io.statewise.inventory.InventoryRequests.reservation;
import java.util.UUID;

import io.statewise.inventory.InventoryTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

@InventoryTest
class ReservationTests {

	@Autowired
	RestTestClient client;

	@AfterEach
	void stockShouldStayConsistent() {
		this.client.get()
			.uri("/internal/consistency")
			.exchange()
			.expectBody()
			.jsonPath("$.violations")
			.isEmpty()
			.jsonPath("$.consistent")
			.isEqualTo(true);
	}

	@Test
	void reserveShouldTakeStockAndARepeatShouldReturnTheFirstResult() {
		int before = available("CUP-001");
		String order = reservation(UUID.randomUUID());

		String first = body(reserve(this.client, order, lines("CUP-001", 2, "TEA-001", 1)).expectBody()
			.jsonPath("$.status")
			.isEqualTo("RESERVED")
			.jsonPath("$.lines[0].unitPrice.amountMinor")
			.value(Long.class, (price) -> assertThat(price).isPositive()));

		reserve(this.client, order, lines("TEA-001", 1, "CUP-001", 2)).expectBody().json(first, JsonCompareMode.STRICT);
		assertThat(available("CUP-001")).isEqualTo(before - 2);
	}

	@Test
	void sameOrderIdWithDifferentLinesShouldConflict() {
		String order = reservation(UUID.randomUUID());
		reserve(this.client, order, lines("CUP-002", 1)).expectStatus().isOk();

		expectProblem(reserve(this.client, order, lines("CUP-002", 3)), 409);
	}

	@Test
	void shortStockShouldRejectWithTheShortLinesAndLeaveStockUntouched() {
		int cups = available("CUP-003");
		int grinders = available("BRW-004");

		reserve(this.client, reservation(UUID.randomUUID()), lines("CUP-003", 1, "BRW-004", grinders + 1)).expectBody()
			.jsonPath("$.status")
			.isEqualTo("REJECTED")
			.jsonPath("$.shortLines.length()")
			.isEqualTo(1)
			.jsonPath("$.shortLines[0].productId")
			.isEqualTo("BRW-004")
			.jsonPath("$.shortLines[0].available")
			.isEqualTo(grinders);
		assertThat(available("CUP-003")).isEqualTo(cups);
		assertThat(available("BRW-004")).isEqualTo(grinders);
	}

	@Test
	void releaseShouldGiveStockBackAndBeIdempotent() {
		int before = available("SNK-001");
		String order = reservation(UUID.randomUUID());
		reserve(this.client, order, lines("SNK-001", 3)).expectStatus().isOk();

		String released = body(then(order, "release").expectBody().jsonPath("$.status").isEqualTo("RELEASED"));

		then(order, "release").expectBody().json(released, JsonCompareMode.STRICT);
		assertThat(available("SNK-001")).isEqualTo(before);
	}

	@Test
	void releaseBeforeReserveShouldStopALateReserveFromTakingStock() {
		int before = available("SNK-002");
		String order = reservation(UUID.randomUUID());

		then(order, "release").expectBody().jsonPath("$.status").isEqualTo("RELEASED");

		reserve(this.client, order, lines("SNK-002", 1)).expectStatus().isEqualTo(409);
		assertThat(available("SNK-002")).isEqualTo(before);
	}

	@Test
	void commitShouldMoveReservedUnitsOutForGoodAndBeIdempotent() {
		String order = reservation(UUID.randomUUID());
		reserve(this.client, order, lines("BOK-001", 1)).expectStatus().isOk();

		String committed = body(then(order, "commit").expectBody().jsonPath("$.status").isEqualTo("COMMITTED"));

		then(order, "commit").expectBody().json(committed, JsonCompareMode.STRICT);
		then(order, "release").expectStatus().isEqualTo(409);
	}

	@Test
	void commitAfterReleaseShouldConflict() {
		String order = reservation(UUID.randomUUID());
		reserve(this.client, order, lines("BOK-002", 1)).expectStatus().isOk();
		then(order, "release").expectStatus().isOk();

		then(order, "commit").expectStatus().isEqualTo(409);
	}

	/** {@code release} or {@code commit}. */
	private ResponseSpec then(String order, String step) {
		return this.client.post().uri(order + "/" + step).exchange();
	}

	private int available(String productId) {
		return this.client.get()
			.uri("/api/catalog/products/{id}/stock", productId)
			.exchange()
			.expectBody(StockLevel.class)
			.returnResult()
			.getResponseBody()
			.available();
	}

	private static String body(RestTestClient.BodyContentSpec body) {
		return new String(body.returnResult().getResponseBodyContent(), java.nio.charset.StandardCharsets.UTF_8);
	}

	record StockLevel(int available) {
	}

}
