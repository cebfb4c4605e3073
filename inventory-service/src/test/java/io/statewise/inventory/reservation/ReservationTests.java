package io.statewise.inventory.reservation;

import java.util.UUID;

import io.statewise.inventory.InventoryTest;
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.statewise.testkit.Http.lines;
import static org.assertj.core.api.Assertions.assertThat;

@InventoryTest
class ReservationTests {

	@LocalServerPort
	int port;

	Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@AfterEach
	void stockShouldStayConsistent() {
		JsonNode report = this.http.get("/internal/consistency").json();
		assertThat(report.get("violations").size()).as(report.toString()).isZero();
		assertThat(report.get("consistent").asBoolean()).isTrue();
	}

	@Test
	void reserveShouldTakeStockAndARepeatShouldReturnTheFirstResult() {
		int before = available("CUP-001");
		String order = "/internal/reservations/" + UUID.randomUUID();

		Response first = this.http.put(order, lines("CUP-001", 2, "TEA-001", 1));
		Response repeat = this.http.put(order, lines("TEA-001", 1, "CUP-001", 2));

		assertThat(first.json().get("status").asString()).isEqualTo("RESERVED");
		assertThat(first.json().get("lines").get(0).get("unitPrice").get("amountMinor").asLong()).isPositive();
		assertThat(repeat.json()).isEqualTo(first.json());
		assertThat(available("CUP-001")).isEqualTo(before - 2);
	}

	@Test
	void sameOrderIdWithDifferentLinesShouldConflict() {
		String order = "/internal/reservations/" + UUID.randomUUID();
		this.http.put(order, lines("CUP-002", 1));

		Response conflict = this.http.put(order, lines("CUP-002", 3));

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void shortStockShouldRejectWithTheShortLinesAndLeaveStockUntouched() {
		int cups = available("CUP-003");
		int grinders = available("BRW-004");

		Response rejected = this.http.put("/internal/reservations/" + UUID.randomUUID(),
				lines("CUP-003", 1, "BRW-004", grinders + 1));

		assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
		JsonNode shortLine = rejected.json().get("shortLines").get(0);
		assertThat(shortLine.get("productId").asString()).isEqualTo("BRW-004");
		assertThat(shortLine.get("available").asInt()).isEqualTo(grinders);
		assertThat(rejected.json().get("shortLines").size()).isEqualTo(1);
		assertThat(available("CUP-003")).isEqualTo(cups);
		assertThat(available("BRW-004")).isEqualTo(grinders);
	}

	@Test
	void releaseShouldGiveStockBackAndBeIdempotent() {
		int before = available("SNK-001");
		String order = "/internal/reservations/" + UUID.randomUUID();
		this.http.put(order, lines("SNK-001", 3));

		Response released = this.http.post(order + "/release", "");
		Response again = this.http.post(order + "/release", "");

		assertThat(released.json().get("status").asString()).isEqualTo("RELEASED");
		assertThat(again.json()).isEqualTo(released.json());
		assertThat(available("SNK-001")).isEqualTo(before);
	}

	@Test
	void releaseBeforeReserveShouldStopALateReserveFromTakingStock() {
		int before = available("SNK-002");
		String order = "/internal/reservations/" + UUID.randomUUID();

		assertThat(this.http.post(order + "/release", "").json().get("status").asString()).isEqualTo("RELEASED");
		Response late = this.http.put(order, lines("SNK-002", 1));

		assertThat(late.status()).isEqualTo(409);
		assertThat(available("SNK-002")).isEqualTo(before);
	}

	@Test
	void commitShouldMoveReservedUnitsOutForGoodAndBeIdempotent() {
		String order = "/internal/reservations/" + UUID.randomUUID();
		this.http.put(order, lines("BOK-001", 1));

		Response committed = this.http.post(order + "/commit", "");

		assertThat(committed.json().get("status").asString()).isEqualTo("COMMITTED");
		assertThat(this.http.post(order + "/commit", "").json()).isEqualTo(committed.json());
		assertThat(this.http.post(order + "/release", "").status()).isEqualTo(409);
	}

	@Test
	void commitAfterReleaseShouldConflict() {
		String order = "/internal/reservations/" + UUID.randomUUID();
		this.http.put(order, lines("BOK-002", 1));
		this.http.post(order + "/release", "");

		assertThat(this.http.post(order + "/commit", "").status()).isEqualTo(409);
	}

	private int available(String productId) {
		return this.http.get("/api/catalog/products/" + productId + "/stock").json().get("available").asInt();
	}

}
