package io.statewise.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.statewise.helm.Reachability.MONITORING;
import static io.statewise.helm.Reachability.NEIGHBOUR;
import static io.statewise.helm.Reachability.OUTSIDE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies admit exactly the connections Statewise makes: the gateway's HTTP
 * port from anywhere; each service from its real callers; Redis and the Sentinels from
 * the three services that use Redis; PostgreSQL from the three that own a database;
 * management ports from the monitoring namespace and from whoever polls readiness there.
 */
class NetworkPolicyTests {

	/**
	 * Who may connect to a component's port, by source name; everyone else is refused.
	 */
	private static final Map<String, List<String>> INTENDED = Map.ofEntries(
			Map.entry("gateway:management", List.of(MONITORING)),
			Map.entry("inventory-service:http", List.of("gateway", "session-service", "order-service")),
			Map.entry("inventory-service:management", List.of(MONITORING, "gateway", "order-service")),
			Map.entry("session-service:http", List.of("gateway")),
			Map.entry("session-service:management", List.of(MONITORING, "gateway")),
			Map.entry("order-service:http", List.of("gateway")),
			Map.entry("order-service:management", List.of(MONITORING, "gateway")),
			Map.entry("redis:redis", List.of("gateway", "session-service", "inventory-service", "redis", "sentinel")),
			Map.entry("sentinel:sentinel",
					List.of("gateway", "session-service", "inventory-service", "redis", "sentinel")),
			Map.entry("postgresql:postgresql", List.of("session-service", "order-service", "inventory-service")));

	@ParameterizedTest
	@EnumSource(value = ValueSets.class, names = { "DEFAULTS", "MEMORY_MODE", "EXTERNAL_DATASTORES" })
	void policiesShouldAdmitExactlyTheIntendedConnections(ValueSets values) {
		Manifests manifests = values.render();
		assertThat(Reachability.allowed(manifests)).containsExactlyElementsOf(intended(manifests));
	}

	@ParameterizedTest
	@EnumSource(ValueSets.class)
	void everyPodOfTheReleaseShouldBeSelectedByAPolicy(ValueSets values) {
		assertThat(Reachability.unisolated(values.render())).isEmpty();
	}

	@Test
	void cloudNativePgInstancesShouldAcceptTheOwningServicesEachOtherAndTheOperatorOnly() {
		NetworkPolicy policy = ValueSets.CLOUDNATIVEPG.render().get(NetworkPolicy.class, "shop-statewise-postgresql");
		List<String> peers = policy.getSpec()
			.getIngress()
			.stream()
			.flatMap((rule) -> rule.getFrom().stream())
			.map(NetworkPolicyTests::describe)
			.toList();
		assertThat(peers).containsExactlyInAnyOrder("pods session-service", "pods order-service",
				"pods inventory-service", "pods postgresql", "namespace cnpg-system");
	}

	@Test
	void aPolicyThatLetsTheGatewayReachPostgresqlShouldBeCaught() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		NetworkPolicy postgresql = manifests.get(NetworkPolicy.class, "shop-statewise-postgresql");
		NetworkPolicyPeer gateway = new NetworkPolicyPeer();
		gateway.setPodSelector(new LabelSelector(null, manifests.workload("gateway").labels()));
		postgresql.getSpec().getIngress().get(0).getFrom().add(gateway);
		assertThat(Reachability.allowed(manifests)).contains("gateway -> postgresql:postgresql")
			.isNotEqualTo(intended(manifests));
	}

	@Test
	void aManagementRuleOpenToEveryoneShouldBeCaught() {
		Manifests manifests = ValueSets.DEFAULTS.render();
		NetworkPolicy order = manifests.get(NetworkPolicy.class, "shop-statewise-order-service");
		order.getSpec().getIngress().get(1).setFrom(new ArrayList<>());
		assertThat(Reachability.allowed(manifests)).contains(OUTSIDE + " -> order-service:management");
	}

	private static Set<String> intended(Manifests manifests) {
		Set<String> expected = new TreeSet<>();
		List<String> present = manifests.workloads().stream().map(Manifests.Workload::component).toList();
		for (Reachability.Source source : Reachability.sources(manifests)) {
			if (present.contains("gateway")) {
				expected.add(source.name() + " -> gateway:http");
			}
			INTENDED.forEach((target, callers) -> {
				if (present.contains(target.substring(0, target.indexOf(':'))) && callers.contains(source.name())) {
					expected.add(source.name() + " -> " + target);
				}
			});
		}
		assertThat(expected).noneMatch((entry) -> entry.startsWith(NEIGHBOUR + " -> postgresql"));
		return expected;
	}

	private static String describe(NetworkPolicyPeer peer) {
		if (peer.getNamespaceSelector() != null) {
			return "namespace " + peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
		}
		return "pods " + peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component");
	}

}
