package io.statewise.helm;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks that pass on the chart fail on a manifest broken the ways a chart edit could
 * break it: proof that a green run means something.
 */
class ChecksCatchBreakageTests {

	@Test
	void aContainerWithoutResourcesShouldBeReported() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		manifests.workload("order-service").container().setResources(new ResourceRequirements());
		assertThat(Checks.resources(manifests)).containsExactly(
				"Deployment/shop-statewise-order-service/order-service: no cpu and memory requests",
				"Deployment/shop-statewise-order-service/order-service: no memory limit");
	}

	@Test
	void aProbeOnTheServicePortShouldBeReported() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		manifests.workload("gateway").container().getReadinessProbe().getHttpGet().setPort(new IntOrString("http"));
		assertThat(Checks.probes(manifests)).singleElement().asString().contains("readinessProbe");
	}

	@Test
	void aWritableRootFilesystemShouldBeReported() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		manifests.workload("redis").container().getSecurityContext().setReadOnlyRootFilesystem(false);
		assertThat(Checks.security(manifests)).singleElement().asString().contains("root filesystem writable");
	}

	@Test
	void anUnpinnedImageShouldBeReported() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		manifests.workload("sentinel").container().setImage("docker.io/library/redis:latest");
		assertThat(Checks.images(manifests)).singleElement().asString().contains("not pinned");
	}

	@Test
	void aMisspeltFieldShouldBeReportedWithItsPath() {
		String deployment = """
				apiVersion: apps/v1
				kind: Deployment
				metadata: {name: x}
				spec:
				  template:
				    spec:
				      containers:
				        - name: x
				          image: x
				          readinessprobe: {httpGet: {port: 1}}
				""";
		Manifests manifests = Manifests.parse(deployment);
		assertThat(UnknownFields.in(manifests.resources().get(0)))
			.containsExactly(".spec.template.spec.containers[0].readinessprobe");
	}

}
