package io.statewise.load.lab;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The probes read a cart's lines as the session-service writes them. */
class ProberTests {

	@Test
	void linesShouldBeReadFromTheCartAnswer() {
		String cart = "{\"lines\":[{\"productId\":\"TEA-001\",\"quantity\":7},{\"productId\":\"TEA-002\",\"quantity\":1}],"
				+ "\"totalQuantity\":8}";

		assertThat(Prober.lines(cart)).containsEntry("TEA-001", 7).containsEntry("TEA-002", 1).hasSize(2);
	}

}
