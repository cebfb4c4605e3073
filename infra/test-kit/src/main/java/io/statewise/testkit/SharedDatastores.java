package io.statewise.testkit;

import org.jspecify.annotations.Nullable;

/** Starts the chosen backend once per JVM and stops it from a shutdown hook. */
final class SharedDatastores {

	private static @Nullable Datastores instance;

	private SharedDatastores() {
	}

	static synchronized Datastores get() {
		if (instance == null) {
			String backend = System.getProperty(Datastores.BACKEND_PROPERTY, "embedded");
			AutoCloseableDatastores started = switch (backend) {
				case "embedded" -> EmbeddedDatastores.start();
				case "testcontainers" -> ContainerDatastores.start();
				default -> throw new IllegalArgumentException(Datastores.BACKEND_PROPERTY + "=" + backend
						+ " is not a backend; use 'embedded' (default) or 'testcontainers'");
			};
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "statewise-datastores-shutdown"));
			instance = started;
		}
		return instance;
	}

	interface AutoCloseableDatastores extends Datastores, AutoCloseable {

		@Override
		void close();

	}

}
