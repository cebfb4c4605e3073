package io.statewise.testkit;

import io.statewise.embedded.RedisEndpoint;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server and Redis that tests talk to. Which backend provides them is
 * chosen once per JVM by the {@code statewise.datastores} system property
 * ({@code embedded}, the default, or {@code testcontainers}); tests never know which.
 */
public interface Datastores {

	String BACKEND_PROPERTY = "statewise.datastores";

	String jdbcUrl(String database);

	String username();

	String password();

	RedisEndpoint redis();

	/** The datastores of this JVM, started on first use and stopped at JVM exit. */
	static Datastores shared() {
		return SharedDatastores.get();
	}

	/**
	 * The embedded datastores, for a test that kills, stops or inspects a server; on
	 * another backend the calling test is skipped, saying why.
	 */
	static EmbeddedDatastores embedded(String why) {
		Datastores shared = shared();
		Assumptions.assumeTrue(shared instanceof EmbeddedDatastores, () -> why + " needs the embedded datastores");
		return (EmbeddedDatastores) shared;
	}

}
