package io.statewise.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs PostgreSQL's {@code pgbench} with a custom script against a database of the shared
 * datastores, for benchmarks that compare the service with the database's own ceiling.
 */
public final class Pgbench {

	private Pgbench() {
	}

	/**
	 * Transactions per second of {@code script} run by {@code clients} connections for
	 * {@code run}; empty when no pgbench is on the PATH.
	 */
	public static OptionalDouble tps(String database, String script, int clients, Duration run)
			throws IOException, InterruptedException {
		if (Arrays.stream(System.getenv("PATH").split(":"))
			.noneMatch((dir) -> Files.isExecutable(Path.of(dir, "pgbench")))) {
			return OptionalDouble.empty();
		}
		Path file = Files.createTempFile("statewise-bench", ".sql");
		try {
			Files.writeString(file, script);
			Matcher address = Pattern.compile("//([^:/]+):(\\d+)/").matcher(Datastores.shared().jdbcUrl(database));
			if (!address.find()) {
				throw new IllegalStateException("No host and port in " + Datastores.shared().jdbcUrl(database));
			}
			Process pgbench = new ProcessBuilder("pgbench", "-n", "-c", String.valueOf(clients), "-j", "2", "-T",
					String.valueOf(run.toSeconds()), "-f", file.toString(), "-h", address.group(1), "-p",
					address.group(2), "-U", Datastores.shared().username(), database)
				.redirectErrorStream(true)
				.start();
			String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			pgbench.waitFor();
			Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
			if (!tps.find()) {
				throw new IllegalStateException("pgbench reported no tps:\n" + output);
			}
			return OptionalDouble.of(Double.parseDouble(tps.group(1)));
		}
		finally {
			Files.delete(file);
		}
	}

}
