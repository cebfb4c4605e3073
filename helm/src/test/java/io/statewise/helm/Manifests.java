package io.statewise.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code helm template} printed, each document parsed into the fabric8 Kubernetes
 * model (wrong types throw here) and kept with its source text for the checks that read
 * text (no secret in clear).
 */
record Manifests(List<HasMetadata> resources, String text) {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	static Manifests parse(String rendered) {
		List<HasMetadata> resources = new ArrayList<>();
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		for (Object document : yaml.loadAll(rendered)) {
			if (document instanceof Map<?, ?> map && !map.isEmpty()) {
				resources.add((HasMetadata) MAPPER.convertValue(map, KubernetesResource.class));
			}
		}
		return new Manifests(List.copyOf(resources), rendered);
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.resources.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Resources the model has no class for (custom resources), by kind. */
	List<GenericKubernetesResource> custom(String kind) {
		return all(GenericKubernetesResource.class).stream().filter((r) -> r.getKind().equals(kind)).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((r) -> r.getMetadata().getName().equals(name)).findFirst();
	}

	<T extends HasMetadata> T get(Class<T> type, String name) {
		return find(type, name).orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " " + name + " in "
				+ this.resources.stream().map(Manifests::describe).toList()));
	}

	/** Every pod this release would run, with the labels of its template. */
	List<Workload> workloads() {
		Stream<Workload> deployments = all(Deployment.class).stream()
			.map((d) -> new Workload(d, d.getSpec().getTemplate()));
		Stream<Workload> statefulSets = all(StatefulSet.class).stream()
			.map((s) -> new Workload(s, s.getSpec().getTemplate()));
		Stream<Workload> pods = all(Pod.class).stream()
			.map((p) -> new Workload(p, new PodTemplateSpec(p.getMetadata(), p.getSpec())));
		return Stream.of(deployments, statefulSets, pods).flatMap((s) -> s).toList();
	}

	Workload workload(String component) {
		return workloads().stream()
			.filter((w) -> component.equals(w.labels().get("app.kubernetes.io/component")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No workload of component " + component));
	}

	static String describe(HasMetadata resource) {
		return resource.getKind() + "/" + resource.getMetadata().getName();
	}

	/** A Deployment, StatefulSet or bare Pod, and the pods it makes. */
	record Workload(HasMetadata owner, PodTemplateSpec template) {

		Map<String, String> labels() {
			return this.template.getMetadata().getLabels();
		}

		PodSpec spec() {
			return this.template.getSpec();
		}

		String component() {
			return labels().get("app.kubernetes.io/component");
		}

		Container container() {
			return spec().getContainers().get(0);
		}

		String env(String name) {
			return container().getEnv()
				.stream()
				.filter((e) -> e.getName().equals(name))
				.findFirst()
				.map((e) -> (e.getValue() != null) ? e.getValue() : "<from " + e.getValueFrom() + ">")
				.orElse(null);
		}

		@Override
		public String toString() {
			return describe(this.owner);
		}

	}

}
