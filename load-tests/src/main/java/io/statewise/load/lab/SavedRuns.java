package io.statewise.load.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.statewise.load.lab.Experiment.Variant;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each completed run kept as gzipped JSON in the report's work folder
 * ({@code work/runs/}, about 20 KB a run, where the JSON's every response time is 200 KB)
 * the moment it ends, so that a lab stopped before its end (Ctrl-C, a machine shut down,
 * the hours a full lab takes) continues with {@code --resume}: the runs kept are not run
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
			return files.anyMatch((file) -> file.toString().endsWith(".json.gz") || file.toString().endsWith(".json"));
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
		// plain JSON: kept by a lab before runs were gzipped
		Path plain = file.resolveSibling(file.getFileName().toString().replaceFirst("\\.gz$", ""));
		try {
			if (Files.isRegularFile(file)) {
				try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
					return Optional.of(JSON.readValue(in, RunResult.class).of(variant));
				}
			}
			if (Files.isRegularFile(plain)) {
				return Optional.of(JSON.readValue(plain.toFile(), RunResult.class).of(variant));
			}
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the run kept in " + file, ex);
		}
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
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
				JSON.writeValue(out, run);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the run in " + this.folder, ex);
		}
	}

	/**
	 * Says that a lab ran in this folder (when, at which commit, with which command), in
	 * {@code work/runs/labs.txt}: a report written from runs of several labs
	 * ({@code --resume}) names each.
	 */
	void recordLab(String lab) {
		try {
			Files.createDirectories(this.folder);
			Files.writeString(labsFile(), lab.replace('\n', ' ') + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + labsFile(), ex);
		}
	}

	/** The labs that ran in this folder, oldest first ({@link #recordLab}). */
	List<String> labs() {
		try {
			return Files.readAllLines(labsFile(), StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> !line.isBlank())
				.toList();
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path labsFile() {
		return this.folder.resolve("labs.txt");
	}

	private Path file(Variant variant, int repetition) {
		return this.folder.resolve(variant.slug() + "-run-" + repetition + ".json.gz");
	}

}
