package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.statewise.load.lab.Experiment.Variant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each completed run kept as JSON in the report's work folder ({@code work/runs/}) the
 * moment it ends, so that a lab stopped before its end (Ctrl-C, a machine shut down, the
 * hours a full lab takes) continues with {@code --resume}: the runs kept are not run
 * again, and the report is written from all of them. A failed run is not kept: resuming
 * runs it again.
 */
final class SavedRuns {

	/**
	 * The variant is not written: it is the lab's own definition, found again by its file
	 * name (a variant's settings are code, not data).
	 */
	@JsonIgnoreProperties("variant")
	private abstract static class WithoutVariant {

	}

	private static final JsonMapper JSON = JsonMapper.builder().addMixIn(RunResult.class, WithoutVariant.class).build();

	private final Path folder;

	SavedRuns(Path out) {
		this.folder = out.resolve("work").resolve("runs");
	}

	/** Whether an earlier lab kept runs in {@code out}. */
	static boolean anyIn(Path out) {
		Path folder = new SavedRuns(out).folder;
		try (Stream<Path> files = Files.list(folder)) {
			return files.anyMatch((file) -> file.toString().endsWith(".json"));
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The run kept for this variant and repetition, if a lab before this one completed
	 * it.
	 */
	Optional<RunResult> find(Variant variant, int repetition) {
		Path file = file(variant, repetition);
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		RunResult kept = JSON.readValue(file.toFile(), RunResult.class);
		return Optional.of(kept.of(variant));
	}

	void keep(RunResult run) {
		if (!run.completed()) {
			return;
		}
		try {
			Files.createDirectories(this.folder);
			// written whole, then moved: a lab stopped mid-write leaves no half a run
			Path file = file(run.variant(), run.repetition());
			Path partial = file.resolveSibling(file.getFileName() + ".partial");
			JSON.writeValue(partial.toFile(), run);
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the run in " + this.folder, ex);
		}
	}

	private Path file(Variant variant, int repetition) {
		return this.folder.resolve(variant.slug() + "-run-" + repetition + ".json");
	}

}
