package io.statewise.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * values.schema.json: strict on the chart's own keys, so a typo or a wrong value is
 * refused before anything reaches the cluster, naming the value; lenient on
 * {@code global} and {@code enabled}, which a parent chart passes to its subcharts
 * (opentelemetry-helm-charts #1322, #228).
 */
class ValuesSchemaTests {

	@Test
	void theChartShouldPassStrictLintWithItsSchema() {
		LintResult lint = Chart.statewise().lint();
		assertThat(lint.isFailed()).as(lint.getMessages().toString()).isFalse();
		assertThat(lint.getMessages()).noneMatch((m) -> m.contains("[WARNING]") || m.contains("[ERROR]"));
	}

	@Test
	void aNegativeReplicaCountShouldBeRefusedNamingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Chart.statewise().with("orderService.replicaCount", -1).render())
			.withMessageContaining("orderService")
			.withMessageContaining("replicaCount");
	}

	@Test
	void anUnknownSessionModeShouldBeRefusedNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.statewise().with("sessionMode", "sticky").render())
			.withMessageContaining("sessionMode")
			.withMessageContaining("redis");
	}

	@Test
	void externalRedisWithoutSentinelsShouldBeRefusedNamingThem() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.statewise().with("redis.mode", "external").render())
			.withMessageContaining("sentinels");
	}

	@Test
	void externalPostgresqlWithoutAHostShouldBeRefusedNamingIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> Chart.statewise().with("postgresql.mode", "external").render())
			.withMessageContaining("postgresql")
			.withMessageContaining("host");
	}

	@Test
	void aMisspeltKeyShouldBeRefused() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.statewise().with("gateway.replicas", 3).render())
			.withMessageContaining("replicas");
	}

	@Test
	void latestShouldBeRefusedAsAnImageTag() {
		assertThatIllegalStateException().isThrownBy(() -> Chart.statewise().with("redis.image.tag", "latest").render())
			.withMessageContaining("tag");
	}

	@Test
	void globalAndEnabledFromAParentChartShouldBeAccepted() {
		Manifests manifests = Chart.statewise()
			.with("global.imageRegistry", "mirror.example.com")
			.with("global.storageClass", "fast")
			.with("enabled", true)
			.render();
		assertThat(manifests.resources()).isNotEmpty();
	}

	@Test
	void lintShouldRefuseInvalidValuesInValuesYaml(@TempDir Path copy) throws IOException {
		FileSystemUtils.copyRecursively(Chart.DIRECTORY, copy);
		Path values = copy.resolve("values.yaml");
		Files.writeString(values, Files.readString(values).replace("sessionMode: redis", "sessionMode: sticky"));
		LintResult lint = Chart.at(copy).lint();
		assertThat(lint.isFailed()).isTrue();
		assertThat(lint.getMessages()).anyMatch((m) -> m.contains("sessionMode"));
	}

}
