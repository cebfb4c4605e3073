package io.statewise.support.lines;

import java.util.List;

import io.statewise.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProductLinesTests {

	record Line(String productId, int quantity) {

	}

	@Test
	void linesInAnotherOrderShouldBeTheSameCart() {
		List<Line> first = ProductLines.normalized(List.of(new Line("b", 2), new Line("a", 1)), Line::productId);
		List<Line> second = ProductLines.normalized(List.of(new Line("a", 1), new Line("b", 2)), Line::productId);

		assertThat(first).containsExactly(new Line("a", 1), new Line("b", 2)).isEqualTo(second);
		assertThat(fingerprint(first)).isEqualTo(fingerprint(second)).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void anotherQuantityShouldBeAnotherCart() {
		assertThat(fingerprint(List.of(new Line("a", 1)))).isNotEqualTo(fingerprint(List.of(new Line("a", 2))));
	}

	@Test
	void fingerprintShouldStayWhatStoredRequestsWereTakenWith() {
		// stored in both databases: a change here would refuse every retry in flight
		assertThat(fingerprint(List.of(new Line("a", 1), new Line("b", 2))))
			.isEqualTo("7f1d118aa7cfeac0725447d3692ba93d5a393f6691fe073b044c19a849ef9558");
	}

	@Test
	void aProductTwiceShouldBeRefusedNamingIt() {
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> ProductLines.normalized(List.of(new Line("a", 1), new Line("b", 1), new Line("a", 2)),
					Line::productId))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).endsWith("repeated: a."));
	}

	private static String fingerprint(List<Line> sorted) {
		return ProductLines.fingerprint(sorted, Line::productId, Line::quantity);
	}

}
