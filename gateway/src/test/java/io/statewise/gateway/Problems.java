package io.statewise.gateway;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/**
 * What every refusal must be: its status, as RFC 9457 problem+json. The WebTestClient
 * twin of the test kit's {@code ProblemAssertions}.
 */
final class Problems {

	private Problems() {
	}

	/**
	 * Asserts the status and the problem media type, and returns the body for more:
	 * {@code expectProblem(response, 503).jsonPath("$.title").isEqualTo(...)}.
	 */
	static BodyContentSpec expectProblem(ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

}
