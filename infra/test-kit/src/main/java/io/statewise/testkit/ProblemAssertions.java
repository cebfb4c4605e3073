package io.statewise.testkit;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** What every refusal of a service must be: its status, as RFC 9457 problem+json. */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * Asserts the status and the problem media type, and returns the body for more:
	 * {@code expectProblem(response, 404).jsonPath("$.detail").value(...)}.
	 */
	public static BodyContentSpec expectProblem(ResponseSpec response, int status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

}
