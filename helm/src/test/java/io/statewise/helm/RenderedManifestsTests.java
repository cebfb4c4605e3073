package io.statewise.helm;

import java.util.List;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart rendered for every way of installing it, each manifest read by the fabric8
 * Kubernetes model: wrong types fail to parse, unknown fields are listed, and every pod
 * passes the checks in {@link Checks}.
 */
class RenderedManifestsTests {

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void everyManifestShouldUseOnlyFieldsKubernetesKnows(ValueSets values) {
		Manifests manifests = values.render();
		for (HasMetadata resource : manifests.resources()) {
			if (!(resource instanceof GenericKubernetesResource)) {
				assertThat(UnknownFields.in(resource)).as(Manifests.describe(resource)).isEmpty();
			}
		}
	}

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void everyServiceShouldBeProbedOnItsManagementPortsActuatorGroups(ValueSets values) {
		assertThat(Checks.probes(values.render())).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void everyContainerShouldHaveResourcesAndTheRestrictedSecurityContext(ValueSets values) {
		Manifests manifests = values.render();
		assertThat(Checks.resources(manifests)).isEmpty();
		assertThat(Checks.security(manifests)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void everyImageShouldBePinnedAndEveryPodShouldOutliveItsDrain(ValueSets values) {
		Manifests manifests = values.render();
		assertThat(Checks.images(manifests)).isEmpty();
		assertThat(Checks.termination(manifests)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void theOnlyCustomResourcesShouldBeTheOnesTheValuesAskFor(ValueSets values) {
		List<String> kinds = values.render()
			.all(GenericKubernetesResource.class)
			.stream()
			.map(GenericKubernetesResource::getKind)
			.distinct()
			.toList();
		List<String> expected = switch (values) {
			case CLOUDNATIVEPG -> List.of("Cluster", "Database");
			default -> List.of();
		};
		assertThat(kinds).containsExactlyInAnyOrderElementsOf(expected);
	}

}
