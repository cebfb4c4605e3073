package io.statewise.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description says what the service really does, in a form client generators
 * and contract-testing tools (dredd, schemathesis) accept, and the generative bad-input
 * test of the local stack builds its requests from. A service's test extends this class
 * under its own {@code @SpringBootTest} (random ports), as with
 * {@link DeployableContractTests}.
 */
public abstract class OpenApiContractTests {

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@Value("${spring.application.name}")
	String applicationName;

	private OpenApiDescription description;

	/** How many operations the service documents at least. */
	protected abstract int minimumOperations();

	/** Headers that make a request reach its handler, e.g. a signed caller identity. */
	protected String[] callerHeaders() {
		return new String[0];
	}

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
		assertThat(this.description.operations()).hasSizeGreaterThanOrEqualTo(minimumOperations());
		assertThat(this.description.operationsWithoutProblemResponse()).isEmpty();
		assertThat(this.description.problemExamplesOfAnotherType()).isEmpty();
	}

	@Test
	void everyPathParameterAndRequestBodyShouldHaveAnExample() {
		assertThat(this.description.pathParametersWithoutExample()).isEmpty();
		assertThat(this.description.requestBodiesWithoutExample()).isEmpty();
	}

	/**
	 * {@code docs/openapi/<service>.json}, which other modules' tests rely on, is this
	 * service's live description (servers aside). When it is not, the live one is written
	 * to {@code target/openapi/}: copy it over if the change is meant.
	 */
	@Test
	void committedCopyShouldBeTheLiveDescription() {
		Path copy = OpenApiDescription.committedCopy(this.applicationName);
		boolean same = Files.isRegularFile(copy) && OpenApiDescription.committed(this.applicationName)
			.withoutServers()
			.equals(this.description.withoutServers());
		if (!same) {
			Path live = Path.of("target/openapi/" + this.applicationName + ".json").toAbsolutePath();
			this.description.write(live);
			assertThat(same)
				.as("%s is not the live description; the live one is %s: copy it over if the change is meant", copy,
						live)
				.isTrue();
		}
	}

	@Test
	void noParameterShouldNameTheCaller() {
		assertThat(this.description.callerParameters()).isEmpty();
	}

	@Test
	void everyDocumentedOperationShouldHaveAHandler() {
		assertThat(this.description.operationsWithoutHandler(this.port, callerHeaders())).isEmpty();
	}

}
