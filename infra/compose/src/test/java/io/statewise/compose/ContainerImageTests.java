package io.statewise.compose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ways to build a service's image (Jib, the Dockerfile) agree with each other and
 * with the service: one pinned base image, its own ports, a non-root user. No image is
 * built here (no Docker, no registry); docs/deploy.md says what was run where.
 */
class ContainerImageTests {

	private static final Pattern JIB_BASE = Pattern.compile("<jib\\.from\\.image>([^<]+)</jib\\.from\\.image>");

	@ParameterizedTest
	@ValueSource(strings = { "inventory-service", "session-service", "order-service", "gateway" })
	void theDockerfileShouldStartFromTheBaseImageJibUses(String module) {
		String dockerfile = RepositoryFiles.read(RepositoryFiles.resolve(module + "/Dockerfile"));

		assertThat(jibBaseImage()).matches("eclipse-temurin:\\d+-jre@sha256:[0-9a-f]{64}");
		assertThat(dockerfile).contains("ARG BASE=" + jibBaseImage() + "\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "inventory-service", "session-service", "order-service", "gateway" })
	void bothImagesShouldExposeTheServicesPortsAndRunAsANumericNonRootUser(String module) {
		ServiceConfig config = ServiceConfig.of(module);
		String dockerfile = RepositoryFiles.read(RepositoryFiles.resolve(module + "/Dockerfile"));
		String pom = RepositoryFiles.read(RepositoryFiles.resolve(module + "/pom.xml"));

		assertThat(dockerfile).contains("EXPOSE " + config.port() + " " + config.managementPort() + "\n")
			.containsPattern("\nUSER [1-9]\\d*:[1-9]\\d*\n")
			.contains("COPY target/" + module + ".jar ");
		assertThat(pom).contains("<port>" + config.port() + "</port>", "<port>" + config.managementPort() + "</port>",
				"<jib.skip>false</jib.skip>");
		assertThat(RepositoryFiles.read(RepositoryFiles.resolve("pom.xml")))
			.containsPattern("<user>[1-9]\\d*:[1-9]\\d*</user>");
	}

	private static String jibBaseImage() {
		Matcher matcher = JIB_BASE.matcher(RepositoryFiles.read(RepositoryFiles.resolve("pom.xml")));
		assertThat(matcher.find()).as("jib.from.image in the root pom").isTrue();
		return matcher.group(1);
	}

}
