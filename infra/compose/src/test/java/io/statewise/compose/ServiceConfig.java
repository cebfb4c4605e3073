package io.statewise.compose;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a service's own {@code application.yml} says: its ports, its database and the
 * environment variables it reads, so the compose file is checked against the services,
 * not against a copy of their settings.
 */
record ServiceConfig(String module, int port, int managementPort, String database, Set<String> variables) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

	private static final Pattern JDBC_DATABASE = Pattern.compile("jdbc:postgresql://[^/]+/(\\w+)");

	static ServiceConfig of(String module) {
		Path file = RepositoryFiles.resolve(module + "/src/main/resources/application.yml");
		Map<String, Object> yaml = RepositoryFiles.yaml(file);
		String url = String.valueOf(path(yaml, "spring", "datasource", "url"));
		Matcher database = JDBC_DATABASE.matcher(url);
		Matcher placeholders = PLACEHOLDER.matcher(RepositoryFiles.read(file));
		return new ServiceConfig(module, (Integer) path(yaml, "server", "port"),
				(Integer) path(yaml, "management", "server", "port"), database.find() ? database.group(1) : "",
				placeholders.results().map((result) -> result.group(1)).collect(Collectors.toSet()));
	}

	boolean usesDatabase() {
		return !this.database.isEmpty();
	}

	boolean usesRedis() {
		return this.variables.contains("STATEWISE_REDIS_SENTINELS");
	}

	@SuppressWarnings("unchecked")
	static Object path(Map<String, Object> yaml, String... keys) {
		Object node = yaml;
		for (String key : keys) {
			node = (node instanceof Map<?, ?> map) ? ((Map<String, Object>) map).get(key) : null;
		}
		return (node != null) ? node : "";
	}

}
