package io.statewise.session;

import io.statewise.embedded.test.OpenApiDescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description says what the service really does, in a form client generators
 * and contract-testing tools (dredd, schemathesis) accept, and the generative bad-input
 * test of the local stack builds its requests from.
 */
@SessionTest
class OpenApiDescriptionTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private OpenApiDescription description;

	@BeforeEach
	void fetch() {
		this.description = OpenApiDescription.fetch(this.managementPort);
	}

	@Test
	void noMediaTypeShouldBeAWildcard() {
		assertThat(this.description.wildcardMediaTypes()).isEmpty();
	}

	@Test
	void everyOperationShouldDescribeItsErrorsAsProblems() {
		assertThat(this.description.operations()).hasSizeGreaterThanOrEqualTo(10);
		assertThat(this.description.operationsWithoutProblemResponse()).isEmpty();
	}

	@Test
	void everyPathParameterAndRequestBodyShouldHaveAnExample() {
		assertThat(this.description.pathParametersWithoutExample()).isEmpty();
		assertThat(this.description.requestBodiesWithoutExample()).isEmpty();
	}

	@Test
	void everyDocumentedOperationShouldHaveAHandler() {
		assertThat(this.description.operationsWithoutHandler(this.port)).isEmpty();
	}

}
