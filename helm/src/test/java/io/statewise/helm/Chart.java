package io.statewise.helm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under test, driven through helm-java: Helm itself (as a native library), so
 * what is checked here is what {@code helm install} would render, schema validation
 * included. No cluster: {@code lookup} finds nothing and the capabilities are Helm's
 * defaults.
 */
final class Chart {

	/** The chart's folder; Surefire runs in the module's folder ({@code helm/}). */
	static final Path DIRECTORY = Path.of("statewise").toAbsolutePath();

	static final String RELEASE = "shop";

	static final String NAMESPACE = "statewise";

	/** The oldest Kubernetes the chart supports (the pre-stop sleep action is 1.30). */
	static final String KUBE_VERSION = "v1.30.0";

	private final Path directory;

	private final Map<String, Object> values = new LinkedHashMap<>();

	private Chart(Path directory) {
		this.directory = directory;
	}

	static Chart statewise() {
		return new Chart(DIRECTORY);
	}

	static Chart at(Path directory) {
		return new Chart(directory);
	}

	/** One {@code --set}; later ones win, as on the command line. */
	Chart with(String key, Object value) {
		this.values.put(key, value);
		return this;
	}

	Chart with(Map<String, Object> values) {
		this.values.putAll(values);
		return this;
	}

	/** Renders the chart; a value the schema refuses throws, naming it. */
	Manifests render() {
		FakeKubernetesApi.start();
		TemplateCommand template = new Helm(this.directory).template().withName(RELEASE).withNamespace(NAMESPACE);
		this.values.forEach(template::set);
		return Manifests.parse(template.call());
	}

	/** {@code helm lint --strict} of the chart with its own values.yaml. */
	LintResult lint() {
		FakeKubernetesApi.start();
		return new Helm(this.directory).lint().strict().call();
	}

}
