package io.statewise.inventory;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server a test starts listens on the loopback interface only (the test kit's
 * {@code TestDefaults}), not on every interface as Tomcat would.
 */
@InventoryTest
class TestDefaultsTests {

	@Autowired
	WebServerApplicationContext context;

	@Test
	void theTestServerShouldListenOnLoopbackOnly() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();

		Object address = server.getTomcat().getConnector().getProperty("address");

		assertThat(address).isInstanceOfSatisfying(InetAddress.class,
				(bound) -> assertThat(bound.isLoopbackAddress()).as(bound.toString()).isTrue());
	}

}
