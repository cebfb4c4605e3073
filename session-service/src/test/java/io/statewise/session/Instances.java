package io.statewise.session;

import java.util.function.IntConsumer;

import io.statewise.testkit.TestDefaults;
import io.statewise.testkit.RealDatastoresInitializer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts extra session-service instances on the shared datastores, as separate contexts.
 */
public final class Instances {

	private Instances() {
	}

	public static ConfigurableApplicationContext start(String... properties) {
		// no inventory-service here: every product may be sold, unless a test says where
		// the catalog is
		String[] args = new String[properties.length + 3];
		args[0] = "--server.port=0";
		args[1] = "--management.server.port=0";
		args[2] = "--statewise.catalog.urls=";
		for (int i = 0; i < properties.length; i++) {
			args[i + 3] = "--" + properties[i];
		}
		return new SpringApplicationBuilder(SessionServiceApplication.class)
			.initializers(RealDatastoresInitializer.forDatabase("accounts"), new TestDefaults())
			.run(args);
	}

	/**
	 * Runs a test against an extra instance started with these properties, then stops it.
	 */
	public static void with(String property, IntConsumer test) {
		ConfigurableApplicationContext instance = start(property);
		try {
			test.accept(port(instance));
		}
		finally {
			instance.close();
		}
	}

	public static int port(ConfigurableApplicationContext instance) {
		return ((WebServerApplicationContext) instance).getWebServer().getPort();
	}

}
