package io.statewise.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the chart renders only in situations these machines cannot create, checked on a
 * copy of the chart: the helm test hook (helm-java's template prints no hooks), the
 * ServiceMonitors (helm-java renders without a cluster's API list) and the dashboards
 * (another change adds their JSON files).
 */
class ChartCopyTests {

	@Test
	void theTestHookShouldCheckTheStoreAndACheckoutFromAHardenedPod(@TempDir Path copy) throws IOException {
		FileSystemUtils.copyRecursively(Chart.DIRECTORY, copy);
		Path hook = copy.resolve("templates/tests/checkout.yaml");
		String original = Files.readString(hook);
		assertThat(original).contains("helm.sh/hook: test");
		Files.writeString(hook, original.replace("helm.sh/hook: test", "hook-removed-for-rendering: test"));
		Manifests manifests = Chart.at(copy).render();
		Pod pod = manifests.get(Pod.class, "shop-statewise-tests-checkout");
		assertThat(UnknownFields.in(pod)).isEmpty();
		assertThat(Checks.security(manifests)).isEmpty();
		assertThat(Checks.resources(manifests)).isEmpty();
		assertThat(Checks.images(manifests)).isEmpty();
		String script = String.join("\n", pod.getSpec().getContainers().get(0).getArgs());
		assertThat(script).contains("/api/account/signup", "/api/session/login", "/api/cart/lines", "POST /api/orders",
				"Idempotency-Key", "Origin: $BASE");
		assertThat(pod.getSpec().getContainers().get(0).getEnv().get(0).getValue())
			.isEqualTo("http://shop-statewise-gateway:8080");
	}

	@Test
	void whereThePrometheusOperatorExistsEachServiceShouldBeScrapedOnItsManagementPort(@TempDir Path copy)
			throws IOException {
		FileSystemUtils.copyRecursively(Chart.DIRECTORY, copy);
		Path template = copy.resolve("templates/monitoring/servicemonitors.yaml");
		String capability = "(.Capabilities.APIVersions.Has \"monitoring.coreos.com/v1/ServiceMonitor\")";
		assertThat(Files.readString(template)).contains(capability);
		Files.writeString(template, Files.readString(template).replace(capability, "true"));
		Manifests manifests = Chart.at(copy).render();
		List<GenericKubernetesResource> monitors = manifests.custom("ServiceMonitor");
		assertThat(monitors).hasSize(4);
		for (GenericKubernetesResource monitor : monitors) {
			Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
			Service service = manifests.get(Service.class, monitor.getMetadata().getName());
			assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
			assertThat(service.getSpec().getPorts()).anyMatch((p) -> p.getName().equals("management"));
			assertThat(monitor.<String>get("spec", "endpoints", 0, "port")).isEqualTo("management");
			assertThat(monitor.<String>get("spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
		}
	}

	@Test
	void eachDashboardFileShouldBecomeAConfigMapForGrafanasSidecar(@TempDir Path copy) throws IOException {
		FileSystemUtils.copyRecursively(Chart.DIRECTORY, copy);
		Files.writeString(copy.resolve("dashboards/golden_signals.json"), "{\"title\": \"Golden signals\"}\n");
		ConfigMap dashboard = Chart.at(copy).render().get(ConfigMap.class, "shop-statewise-dashboard-golden-signals");
		assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		assertThat(dashboard.getData()).containsEntry("golden_signals.json", "{\"title\": \"Golden signals\"}");
	}

}
