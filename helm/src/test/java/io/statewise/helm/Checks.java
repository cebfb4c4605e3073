package io.statewise.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.statewise.helm.Manifests.Workload;

/**
 * What every rendered pod must satisfy, each check returning the problems it found (empty
 * when none), so that tests can show both that the chart passes and that a broken
 * manifest is caught.
 */
final class Checks {

	static final List<String> SERVICES = List.of("gateway", "session-service", "order-service", "inventory-service");

	/** The management ports in each service's application.yml. */
	static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("gateway", 9080, "inventory-service", 9081,
			"session-service", 9082, "order-service", 9083);

	/** registry/path:tag, optionally @sha256:digest; the tag never "latest". */
	private static final Pattern PINNED = Pattern
		.compile("^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+:(?!latest$)[A-Za-z0-9._-]+(@sha256:[a-f0-9]{64})?$");

	private Checks() {
	}

	/** Startup, liveness and readiness on the management port's Actuator groups. */
	static List<String> probes(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			if (!SERVICES.contains(workload.component())) {
				continue;
			}
			Container container = workload.container();
			Integer management = container.getPorts()
				.stream()
				.filter((p) -> "management".equals(p.getName()))
				.map(ContainerPort::getContainerPort)
				.findFirst()
				.orElse(null);
			if (!MANAGEMENT_PORTS.get(workload.component()).equals(management)) {
				problems.add(workload + ": management port " + management + ", application.yml says "
						+ MANAGEMENT_PORTS.get(workload.component()));
			}
			check(problems, workload, "startupProbe", container.getStartupProbe(), "/actuator/health/liveness");
			check(problems, workload, "livenessProbe", container.getLivenessProbe(), "/actuator/health/liveness");
			check(problems, workload, "readinessProbe", container.getReadinessProbe(), "/actuator/health/readiness");
		}
		return problems;
	}

	private static void check(List<String> problems, Workload workload, String name, Probe probe, String path) {
		HTTPGetAction get = (probe != null) ? probe.getHttpGet() : null;
		if (get == null) {
			problems.add(workload + ": no HTTP " + name);
			return;
		}
		if (!path.equals(get.getPath()) || !"management".equals(get.getPort().getStrVal())) {
			problems.add(workload + ": " + name + " asks " + get.getPort() + get.getPath() + ", not management" + path);
		}
	}

	/** Requests and a memory limit on every container of every pod, hooks included. */
	static List<String> resources(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.spec().getContainers()) {
				var resources = container.getResources();
				Map<String, Quantity> requests = (resources != null) ? resources.getRequests() : null;
				Map<String, Quantity> limits = (resources != null) ? resources.getLimits() : null;
				if (requests == null || !requests.containsKey("cpu") || !requests.containsKey("memory")) {
					problems.add(workload + "/" + container.getName() + ": no cpu and memory requests");
				}
				if (limits == null || !limits.containsKey("memory")) {
					problems.add(workload + "/" + container.getName() + ": no memory limit");
				}
			}
		}
		return problems;
	}

	/**
	 * Non-root, read-only root filesystem, no privilege escalation, every capability
	 * dropped, seccomp RuntimeDefault (on the container or its pod).
	 */
	static List<String> security(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			PodSecurityContext pod = workload.spec().getSecurityContext();
			for (Container container : workload.spec().getContainers()) {
				String where = workload + "/" + container.getName() + ": ";
				SecurityContext sc = container.getSecurityContext();
				if (sc == null) {
					problems.add(where + "no securityContext");
					continue;
				}
				boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
						|| (pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()));
				if (!nonRoot) {
					problems.add(where + "may run as root");
				}
				if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
					problems.add(where + "root filesystem writable");
				}
				if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
					problems.add(where + "privilege escalation allowed");
				}
				if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
						|| !sc.getCapabilities().getDrop().contains("ALL")) {
					problems.add(where + "capabilities not all dropped");
				}
				String seccomp = (sc.getSeccompProfile() != null) ? sc.getSeccompProfile().getType()
						: (pod != null && pod.getSeccompProfile() != null) ? pod.getSeccompProfile().getType() : null;
				if (!"RuntimeDefault".equals(seccomp)) {
					problems.add(where + "seccomp " + seccomp);
				}
				boolean tmpWritable = container.getVolumeMounts()
					.stream()
					.anyMatch((m) -> "/tmp".equals(m.getMountPath()));
				if (!tmpWritable) {
					problems.add(where + "no writable /tmp");
				}
			}
		}
		return problems;
	}

	static List<String> images(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			for (Container container : workload.spec().getContainers()) {
				if (!PINNED.matcher(Objects.toString(container.getImage())).matches()) {
					problems.add(workload + "/" + container.getName() + ": image not pinned: " + container.getImage());
				}
			}
		}
		return problems;
	}

	/**
	 * A pod must outlive its pre-stop pause plus the services' 20 s drain
	 * (spring.lifecycle.timeout-per-shutdown-phase), or the kubelet kills it mid-drain.
	 */
	static List<String> termination(Manifests manifests) {
		List<String> problems = new ArrayList<>();
		for (Workload workload : manifests.workloads()) {
			if (!SERVICES.contains(workload.component())) {
				continue;
			}
			var lifecycle = workload.container().getLifecycle();
			long sleep = (lifecycle != null && lifecycle.getPreStop() != null
					&& lifecycle.getPreStop().getSleep() != null) ? lifecycle.getPreStop().getSleep().getSeconds() : 0;
			Long grace = workload.spec().getTerminationGracePeriodSeconds();
			if (sleep == 0) {
				problems.add(workload + ": no pre-stop pause");
			}
			if (grace == null || grace <= sleep + 20) {
				problems.add(workload + ": grace period " + grace + " s not longer than " + sleep + " s + 20 s drain");
			}
		}
		return problems;
	}

}
