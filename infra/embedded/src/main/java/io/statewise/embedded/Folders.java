package io.statewise.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recursive delete, for temporary data folders and {@code --fresh}. */
public final class Folders {

	private Folders() {
	}

	public static void deleteRecursively(Path dir) {
		if (Files.notExists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// best effort: a leftover temp file must not fail a shutdown
		}
	}

}
