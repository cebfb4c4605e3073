package io.statewise.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** docker-compose.yml as parsed YAML, with the few views the checks need. */
final class ComposeFile {

	static final String PATH = "infra/compose/docker-compose.yml";

	private final Map<String, Object> services;

	private final Map<String, Object> root;

	private ComposeFile(Map<String, Object> root) {
		this.root = root;
		this.services = map(root.get("services"));
	}

	static ComposeFile load() {
		return new ComposeFile(RepositoryFiles.yaml(RepositoryFiles.resolve(PATH)));
	}

	Map<String, Object> root() {
		return this.root;
	}

	List<String> serviceNames() {
		return List.copyOf(this.services.keySet());
	}

	Map<String, Object> service(String name) {
		return map(this.services.get(name));
	}

	/**
	 * The instances of a Statewise service: {@code order-service-1}, ... or
	 * {@code gateway}.
	 */
	List<String> instancesOf(String module) {
		return serviceNames().stream().filter((name) -> name.equals(module) || name.matches(module + "-\\d+")).toList();
	}

	Map<String, String> environment(String service) {
		Object environment = service(service).get("environment");
		if (environment instanceof List<?> list) {
			return list.stream()
				.map(String::valueOf)
				.collect(Collectors.toMap((entry) -> entry.substring(0, entry.indexOf('=')),
						(entry) -> entry.substring(entry.indexOf('=') + 1), (a, b) -> b, LinkedHashMap::new));
		}
		Map<String, String> values = new LinkedHashMap<>();
		map(environment).forEach((key, value) -> values.put(key, String.valueOf(value)));
		return values;
	}

	/** The healthcheck's command as one line, or "" when there is none. */
	String healthcheck(String service) {
		Object test = map(service(service).get("healthcheck")).get("test");
		if (test instanceof List<?> list) {
			List<String> words = list.stream().map(String::valueOf).toList();
			return String.join(" ", words.get(0).startsWith("CMD") ? words.subList(1, words.size()) : words);
		}
		return (test != null) ? String.valueOf(test) : "";
	}

	/** Each service this one waits for, with the condition it waits on. */
	Map<String, String> dependsOn(String service) {
		Object dependsOn = service(service).get("depends_on");
		Map<String, String> conditions = new LinkedHashMap<>();
		if (dependsOn instanceof List<?> list) {
			list.forEach((name) -> conditions.put(String.valueOf(name), "service_started"));
		}
		else {
			map(dependsOn).forEach((name, spec) -> conditions.put(name, String.valueOf(map(spec).get("condition"))));
		}
		return conditions;
	}

	String command(String service) {
		Object command = service(service).get("command");
		return (command instanceof List<?> list) ? list.stream().map(String::valueOf).collect(Collectors.joining(" "))
				: String.valueOf(command);
	}

	List<String> ports(String service) {
		Object ports = service(service).get("ports");
		return (ports instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
	}

	List<String> volumes(String service) {
		Object volumes = service(service).get("volumes");
		return (volumes instanceof List<?> list) ? list.stream().map(String::valueOf).toList() : List.of();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object node) {
		return (node instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
