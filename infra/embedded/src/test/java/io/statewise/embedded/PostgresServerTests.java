package io.statewise.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.statewise.embedded.test.Datastores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTests {

	@Test
	void everyServiceDatabaseShouldAcceptConnections() throws SQLException {
		Datastores datastores = Datastores.shared();
		for (String database : PostgresServer.DATABASES) {
			assertThat(query(datastores.jdbcUrl(database), "SELECT current_database()")).isEqualTo(database);
		}
	}

	@Test
	void killedServerShouldRestartWithCommittedData(@TempDir Path dir) throws SQLException {
		PostgresServer server = new PostgresServer(dir.resolve("data"), FreePorts.find(1).get(0));
		server.start();
		try {
			execute(server.jdbcUrl("orders"), "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");
			long pid = server.pid().orElseThrow();
			server.kill();
			assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
			server.start();
			assertThat(query(server.jdbcUrl("orders"), "SELECT id FROM survivor")).isEqualTo("42");
		}
		finally {
			server.stop();
		}
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
