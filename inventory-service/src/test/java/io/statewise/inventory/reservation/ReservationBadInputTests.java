package io.statewise.inventory.reservation;

import static io.statewise.inventory.InventoryRequests.reserve;
import static io.statewise.inventory.InventoryRequests.reservation;
import java.util.UUID;

import io.statewise.inventory.InventoryTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets a problem+json answer, and writes nothing at all. */
@InventoryTest
class ReservationBadInputTests {

	@Autowired
	RestTestClient client;

	@Autowired
	JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":0}]}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":-1}]}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":101}]}",
			"{\"lines\":[{\"productId\":\"cup 1\",\"quantity\":1}]}", "{\"lines\":[{\"quantity\":1}]}",
			"{\"lines\":[]}", "{}", "{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":1}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":\"many\"}]}",
			"{\"lines\":[{\"productId\":\"CUP-001\",\"quantity\":1},{\"productId\":\"CUP-001\",\"quantity\":2}]}" })
	void invalidBodyShouldAnswerBadRequestAndWriteNothing(String body) {
		assertNothingWritten(() -> expectProblem(reserve(this.client, reservation(UUID.randomUUID()), body), 400));
	}

	@Test
	void tooManyLinesShouldAnswerBadRequestNamingTheLimit() {
		Object[] lines = new Object[2 * (ReservationRequest.MAX_LINES + 1)];
		for (int i = 0; i < lines.length; i += 2) {
			lines[i] = "X-" + i;
			lines[i + 1] = 1;
		}
		assertNothingWritten(
				() -> expectProblem(reserve(this.client, reservation(UUID.randomUUID()), lines(lines)), 400)
					.jsonPath("$.detail")
					.value(String.class, (detail) -> assertThat(detail).contains("lines")));
	}

	@Test
	void unknownProductShouldAnswerNotFoundAndReserveNothingElse() {
		assertNothingWritten(() -> expectProblem(
				reserve(this.client, reservation(UUID.randomUUID()), lines("CUP-001", 1, "NOPE-404", 1)), 404)
			.jsonPath("$.unknownProducts[0]")
			.isEqualTo("NOPE-404"));
	}

	@Test
	void onlyUnknownProductsShouldAnswerNotFound() {
		assertNothingWritten(() -> expectProblem(
				reserve(this.client, reservation(UUID.randomUUID()), lines("NOPE-1", 1, "NOPE-2", 1)), 404));
	}

	@Test
	void wrongContentTypeShouldAnswerUnsupportedMediaType() {
		assertNothingWritten(() -> expectProblem(this.client.put()
			.uri("/internal/reservations/{id}", UUID.randomUUID())
			.contentType(MediaType.TEXT_PLAIN)
			.body(lines("CUP-001", 1))
			.exchange(), 415));
	}

	@Test
	void malformedOrderIdShouldAnswerBadRequest() {
		assertNothingWritten(
				() -> expectProblem(reserve(this.client, reservation("not-a-uuid"), lines("CUP-001", 1)), 400));
	}

	@Test
	void unknownRouteAndWrongMethodShouldAnswerProblems() {
		expectProblem(this.client.get().uri("/internal/nothing-here").exchange(), 404);
		expectProblem(
				this.client.method(HttpMethod.DELETE).uri("/internal/reservations/{id}", UUID.randomUUID()).exchange(),
				405);
	}

	@Test
	void releaseOrCommitOfAnUnknownOrderShouldNotTouchStock() {
		assertNothingWritten(() -> expectProblem(
				this.client.post().uri("/internal/reservations/{id}/commit", UUID.randomUUID()).exchange(), 404));
	}

	private void assertNothingWritten(Runnable request) {
		String counts = "SELECT (SELECT count(*) FROM reservation) || '/' || (SELECT count(*) FROM stock_movement)"
				+ " || '/' || (SELECT sum(available) FROM stock)";
		String before = this.jdbc.sql(counts).query(String.class).single();
		request.run();
		assertThat(this.jdbc.sql(counts).query(String.class).single()).isEqualTo(before);
	}

}
