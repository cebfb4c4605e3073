package io.statewise.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTests {

	@Test
	void everyServiceDatabaseShouldAcceptConnections(@TempDir Path dir) throws SQLException {
		PostgresServer server = new PostgresServer(dir.resolve("data"), FreePorts.find(1).get(0));
		server.start();
		try {
			for (String database : PostgresServer.DATABASES) {
				assertThat(query(server.jdbcUrl(database), "SELECT current_database()")).isEqualTo(database);
			}
		}
		finally {
			server.stop();
		}
	}

	@Test
	void killedServerShouldRestartWithCommittedData(@TempDir Path dir) throws SQLException {
		PostgresServer server = new PostgresServer(dir.resolve("data"), FreePorts.find(1).get(0));
		server.start();
		try {
			execute(server.jdbcUrl("orders"), "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
			ProcessHandle postmaster = ProcessHandle.of(server.pid().orElseThrow()).orElseThrow();
			List<ProcessHandle> backends = postmaster.descendants().toList();
			server.kill();
			assertThat(backends).isNotEmpty().noneMatch(ProcessHandle::isAlive);
			assertThat(postmaster.isAlive()).isFalse();
			server.start();
			assertThat(query(server.jdbcUrl("orders"), "SELECT id FROM survivor")).isEqualTo("42");
		}
		finally {
			server.stop();
		}
	}

	/**
	 * pg_ctl forks the server and exits, leaving it under PID 1: a JVM that starts it
	 * that way cannot see it among its descendants, nor stop it by stopping its tree.
	 */
	@Test
	void serverShouldRunAsAChildOfTheJvmThatStartedItAlsoAfterARestart(@TempDir Path dir) {
		PostgresServer server = new PostgresServer(dir.resolve("data"), FreePorts.find(1).get(0));
		server.start();
		try {
			assertThat(parentOf(server)).isEqualTo(ProcessHandle.current().pid());
			server.restart();
			assertThat(parentOf(server)).isEqualTo(ProcessHandle.current().pid());
		}
		finally {
			server.stop();
		}
	}

	private static long parentOf(PostgresServer server) {
		return ProcessHandle.of(server.pid().orElseThrow())
			.flatMap(ProcessHandle::parent)
			.map(ProcessHandle::pid)
			.orElseThrow();
	}

	private static String query(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, PostgresServer.USERNAME, PostgresServer.PASSWORD);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	private static void execute(String url, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, PostgresServer.USERNAME, PostgresServer.PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
