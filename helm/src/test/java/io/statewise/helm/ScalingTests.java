package io.statewise.helm;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.statewise.helm.Manifests.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autoscalers scale the stateless services only, disruption budgets guard the pods they
 * are named for and no others, and replicas spread over nodes and zones.
 */
class ScalingTests {

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void everyDisruptionBudgetShouldSelectThePodsOfExactlyOneWorkload(ValueSets values) {
		Manifests manifests = values.render();
		for (PodDisruptionBudget pdb : manifests.all(PodDisruptionBudget.class)) {
			List<String> selected = manifests.workloads()
				.stream()
				.filter((w) -> Reachability.selects(pdb.getSpec().getSelector(), w.labels()))
				.map(Workload::component)
				.toList();
			assertThat(selected).as(Manifests.describe(pdb))
				.singleElement()
				.satisfies((component) -> assertThat(pdb.getMetadata().getName())
					.isEqualTo("shop-statewise-" + component));
		}
	}

	@Test
	void theFourServicesRedisAndTheSentinelsShouldHaveDisruptionBudgets() {
		List<String> guarded = ValueSets.DEFAULTS.render()
			.all(PodDisruptionBudget.class)
			.stream()
			.map((pdb) -> pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component"))
			.toList();
		assertThat(guarded).containsExactlyInAnyOrder("gateway", "session-service", "order-service",
				"inventory-service", "redis", "sentinel");
	}

	@Test
	void autoscalersShouldTargetTheStatelessServicesDeploymentsWhichLeaveTheirCountToThem() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		List<HorizontalPodAutoscaler> hpas = manifests.all(HorizontalPodAutoscaler.class);
		assertThat(hpas).extracting((hpa) -> hpa.getSpec().getScaleTargetRef().getName())
			.containsExactlyInAnyOrder("shop-statewise-gateway", "shop-statewise-session-service",
					"shop-statewise-order-service", "shop-statewise-inventory-service");
		for (HorizontalPodAutoscaler hpa : hpas) {
			Deployment target = manifests.get(Deployment.class, hpa.getSpec().getScaleTargetRef().getName());
			assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(target.getSpec().getReplicas()).as("replicas the HPA owns").isNull();
		}
	}

	@Test
	void memoryModeShouldRunSessionServiceAsAFixedStatefulSetWithoutAutoscaler() {
		Manifests manifests = ValueSets.MEMORY_MODE.render();
		assertThat(manifests.find(Deployment.class, "shop-statewise-session-service")).isEmpty();
		assertThat(manifests.get(StatefulSet.class, "shop-statewise-session-service").getSpec().getReplicas())
			.isEqualTo(3);
		assertThat(manifests.all(HorizontalPodAutoscaler.class))
			.noneMatch((hpa) -> hpa.getSpec().getScaleTargetRef().getName().contains("session-service"));
	}

	@Test
	void withAutoscalingOffDeploymentsShouldCarryTheirReplicaCount() {
		Manifests manifests = ValueSets.AUTOSCALING_OFF.render();
		assertThat(manifests.all(HorizontalPodAutoscaler.class)).isEmpty();
		assertThat(manifests.get(Deployment.class, "shop-statewise-gateway").getSpec().getReplicas()).isEqualTo(3);
		assertThat(manifests.get(Deployment.class, "shop-statewise-order-service").getSpec().getReplicas())
			.isEqualTo(2);
	}

	@Test
	void serviceReplicasShouldSpreadOverNodesAndZonesByTheirOwnLabels() {
		Workload gateway = ValueSets.DEFAULTS.render().workload("gateway");
		assertThat(gateway.spec().getTopologySpreadConstraints()).extracting((c) -> c.getTopologyKey())
			.containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
		assertThat(gateway.spec().getTopologySpreadConstraints())
			.allSatisfy((c) -> assertThat(Reachability.selects(c.getLabelSelector(), gateway.labels())).isTrue());
	}

}
