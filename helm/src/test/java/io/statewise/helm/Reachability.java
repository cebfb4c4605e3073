package io.statewise.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.statewise.helm.Manifests.Workload;

/**
 * Which pod may open a connection to which port of which other pod, evaluated from the
 * rendered NetworkPolicies the way Kubernetes does for ingress: a pod selected by no
 * policy accepts everything; a selected pod accepts what any rule of any selecting policy
 * allows. Sources are the release's own pods plus three strangers: a pod of another
 * namespace ({@value #OUTSIDE}), a pod of the monitoring namespace ({@value #MONITORING})
 * and an unrelated pod of the release's namespace ({@value #NEIGHBOUR}).
 */
final class Reachability {

	static final String OUTSIDE = "outside";

	static final String MONITORING = "monitoring";

	static final String NEIGHBOUR = "neighbour";

	private Reachability() {
	}

	/** A pod that may connect: its namespace and labels. */
	record Source(String name, String namespace, Map<String, String> labels) {
	}

	static List<Source> sources(Manifests manifests) {
		List<Source> sources = new ArrayList<>();
		manifests.workloads().forEach((w) -> sources.add(new Source(w.component(), Chart.NAMESPACE, w.labels())));
		sources.add(new Source(OUTSIDE, "elsewhere", Map.of("app", "stranger")));
		sources.add(new Source(MONITORING, "monitoring", Map.of("app.kubernetes.io/name", "prometheus")));
		sources.add(new Source(NEIGHBOUR, Chart.NAMESPACE, Map.of("app", "stranger")));
		return sources;
	}

	/** Every allowed connection, as "source -> component:port-name". */
	static Set<String> allowed(Manifests manifests) {
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
		Set<String> allowed = new TreeSet<>();
		for (Workload destination : manifests.workloads()) {
			for (ContainerPort port : destination.container().getPorts()) {
				for (Source source : sources(manifests)) {
					if (admits(policies, destination, port, source)) {
						allowed.add(source.name() + " -> " + destination.component() + ":" + port.getName());
					}
				}
			}
		}
		return allowed;
	}

	/** Release pods that no policy selects: they accept connections from anywhere. */
	static List<String> unisolated(Manifests manifests) {
		List<NetworkPolicy> policies = manifests.all(NetworkPolicy.class);
		return manifests.workloads()
			.stream()
			.filter((w) -> !w.owner().getKind().equals("Pod"))
			.filter((w) -> policies.stream().noneMatch((p) -> selects(p.getSpec().getPodSelector(), w.labels())))
			.map(Workload::toString)
			.toList();
	}

	private static boolean admits(List<NetworkPolicy> policies, Workload destination, ContainerPort port,
			Source source) {
		List<NetworkPolicy> selecting = policies.stream()
			.filter((p) -> selects(p.getSpec().getPodSelector(), destination.labels()))
			.toList();
		if (selecting.isEmpty()) {
			return true;
		}
		return selecting.stream()
			.flatMap((p) -> p.getSpec().getIngress().stream())
			.anyMatch((rule) -> matchesPort(rule, port) && matchesPeer(rule, source));
	}

	private static boolean matchesPort(NetworkPolicyIngressRule rule, ContainerPort port) {
		List<NetworkPolicyPort> ports = rule.getPorts();
		if (ports == null || ports.isEmpty()) {
			return true;
		}
		return ports.stream().anyMatch((p) -> {
			IntOrString value = p.getPort();
			return value == null || (value.getIntVal() != null && value.getIntVal().equals(port.getContainerPort()))
					|| (value.getStrVal() != null && value.getStrVal().equals(port.getName()));
		});
	}

	private static boolean matchesPeer(NetworkPolicyIngressRule rule, Source source) {
		List<NetworkPolicyPeer> from = rule.getFrom();
		if (from == null || from.isEmpty()) {
			return true;
		}
		return from.stream().anyMatch((peer) -> {
			if (peer.getIpBlock() != null) {
				return true;
			}
			boolean namespaceOk = (peer.getNamespaceSelector() == null) ? source.namespace().equals(Chart.NAMESPACE)
					: selects(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", source.namespace()));
			boolean podOk = peer.getPodSelector() == null || selects(peer.getPodSelector(), source.labels());
			return namespaceOk && podOk;
		});
	}

	/**
	 * matchLabels only: the chart uses no matchExpressions, and one here fails loudly.
	 */
	static boolean selects(LabelSelector selector, Map<String, String> labels) {
		if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
			throw new IllegalStateException("matchExpressions are not evaluated here: " + selector);
		}
		Map<String, String> match = (selector.getMatchLabels() != null) ? selector.getMatchLabels() : Map.of();
		return labels.entrySet().containsAll(match.entrySet());
	}

}
