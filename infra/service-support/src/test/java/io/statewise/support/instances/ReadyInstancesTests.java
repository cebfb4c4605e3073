package io.statewise.support.instances;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parts of the ready-instance list that are ours: the list format, the management
 * port, the probe. The polling itself is Spring Cloud's; the gateway's
 * {@code LoadBalancingTests} and order-service's drive it end to end.
 */
class ReadyInstancesTests {

	private HttpServer management;

	private volatile int readiness = 200;

	@BeforeEach
	void managementPort() throws IOException {
		this.management = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.management.createContext("/actuator/health/readiness", (exchange) -> {
			exchange.sendResponseHeaders(this.readiness, -1);
			exchange.close();
		});
		this.management.start();
	}

	@AfterEach
	void stop() {
		this.management.stop(0);
	}

	@Test
	void anEntryShouldBeAnInstanceWithItsManagementPortAsMetadata() {
		InstanceProperties instance = new InstanceUriConverter().convert(" http://127.0.0.1:8181?management-port=9181");

		assertThat(instance.getUri()).isEqualTo(URI.create("http://127.0.0.1:8181"));
		assertThat(instance.getInstanceId()).isEqualTo("127.0.0.1:8181");
		assertThat(instance.getMetadata()).containsExactly(Map.entry(ManagementPort.METADATA, "9181"));
	}

	@Test
	void readinessShouldBeAskedOnTheManagementPortElseTheServicePort() {
		DefaultServiceInstance second = instance(8181, "9181");
		DefaultServiceInstance kubernetes = new DefaultServiceInstance("a", "inventory-service", "10.0.0.7", 8081,
				false);

		assertThat(ManagementPort.uri(second, "/actuator/health/readiness"))
			.isEqualTo(URI.create("http://127.0.0.1:9181/actuator/health/readiness"));
		assertThat(ManagementPort.uri(kubernetes, "/actuator/health/readiness"))
			.isEqualTo(URI.create("http://10.0.0.7:8081/actuator/health/readiness"));
	}

	@Test
	void anInstanceShouldBeReadyOnlyWhileItsReadinessAnswers200() throws IOException {
		DefaultServiceInstance instance = instance(8081, String.valueOf(this.management.getAddress().getPort()));
		assertThat(ReadyInstances.isReady(instance, "/actuator/health/readiness").block()).isTrue();

		this.readiness = 503;
		assertThat(ReadyInstances.isReady(instance, "/actuator/health/readiness").block()).isFalse();

		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		assertThat(ReadyInstances.isReady(instance(8081, String.valueOf(closed)), "/actuator/health/readiness").block())
			.isFalse();
	}

	private static DefaultServiceInstance instance(int port, String managementPort) {
		return new DefaultServiceInstance("127.0.0.1:" + port, "inventory-service", "127.0.0.1", port, false,
				Map.of(ManagementPort.METADATA, managementPort));
	}

}
