package io.statewise.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/** The repository's files these checks read, found from the root Maven sets. */
final class RepositoryFiles {

	private RepositoryFiles() {
	}

	static Path root() {
		String configured = System.getProperty("statewise.root");
		Path start = (configured != null) ? Path.of(configured) : Path.of("").toAbsolutePath();
		for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			if (Files.exists(dir.resolve("infra/compose/docker-compose.yml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No infra/compose/docker-compose.yml above " + start);
	}

	static Path resolve(String path) {
		return root().resolve(path);
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A YAML document as maps and lists; merge keys ({@code <<}) resolved. */
	static Map<String, Object> yaml(Path file) {
		return new Yaml().load(read(file));
	}

	static List<Path> dashboards() {
		try (Stream<Path> files = Files.list(resolve("helm/statewise/dashboards"))) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
