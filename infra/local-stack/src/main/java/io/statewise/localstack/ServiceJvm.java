package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The Java the services run on. The services are compiled for Java 17, so the default JDK
 * builds and starts them, but they cost less per request on a newer JVM (virtual threads
 * from 21 on, the JIT: docs/benchmarks.md), so the stack runs them on the newest Java 21
 * or later it finds, unless {@code --stack.java} names one: the launcher's own,
 * {@code JAVA_HOME}, and the usual install places of Linux, macOS and SDKMAN. A JVM is
 * recognized by its {@code release} file, read, never run.
 *
 * @param executable the {@code java} launcher
 * @param version its {@code JAVA_VERSION}, e.g. {@code 25.0.3}
 */
record ServiceJvm(Path executable, String version) {

	/** Newer Java than this is worth switching to; older is only the fallback. */
	static final int PREFERRED = 21;

	/**
	 * {@code --stack.java} if given, else the newest Java 21+ found, else the launcher's.
	 */
	static ServiceJvm choose(@Nullable Path configured) {
		return choose(configured, candidates(), new ServiceJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
				Runtime.version().toString().replaceFirst("[+-].*", "")));
	}

	static ServiceJvm choose(@Nullable Path configured, List<Path> homes, ServiceJvm launcher) {
		if (configured != null) {
			Path home = configured.toAbsolutePath().getParent().getParent();
			return new ServiceJvm(configured, release(home).orElse("unknown"));
		}
		return homes.stream()
			.map(ServiceJvm::at)
			.flatMap(Optional::stream)
			.filter((jvm) -> jvm.feature() >= PREFERRED)
			.max(Comparator.comparing(ServiceJvm::feature))
			.filter((newest) -> newest.feature() > launcher.feature())
			.orElse(launcher);
	}

	int feature() {
		try {
			return Integer.parseInt(this.version.split("[.]")[0]);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public String toString() {
		return "Java " + this.version + " (" + this.executable + ")";
	}

	private static List<Path> candidates() {
		List<Path> homes = new ArrayList<>();
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			homes.add(Path.of(javaHome));
		}
		String userHome = System.getProperty("user.home");
		homes.addAll(children(Path.of("/usr/lib/jvm"), ""));
		homes.addAll(children(Path.of("/Library/Java/JavaVirtualMachines"), "Contents/Home"));
		homes.addAll(children(Path.of(userHome, ".sdkman/candidates/java"), ""));
		return homes;
	}

	private static List<Path> children(Path dir, String suffix) {
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.map((entry) -> entry.resolve(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static Optional<ServiceJvm> at(Path home) {
		Path java = home.resolve("bin/java");
		if (!Files.isExecutable(java)) {
			return Optional.empty();
		}
		return release(home).map((version) -> new ServiceJvm(java, version));
	}

	/** {@code JAVA_VERSION} of a JDK or JRE home's {@code release} file. */
	private static Optional<String> release(Path home) {
		Path release = home.resolve("release");
		if (!Files.isRegularFile(release)) {
			return Optional.empty();
		}
		try (var reader = Files.newBufferedReader(release)) {
			Properties properties = new Properties();
			properties.load(reader);
			String version = properties.getProperty("JAVA_VERSION");
			return Optional.ofNullable(version).map((quoted) -> quoted.replace("\"", ""));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
