package io.statewise.order;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.statewise.embedded.FreePorts;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.TestIdentity;
import io.statewise.testkit.TestClients;

import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * order-service in a JVM of its own (this test's classpath, the shared PostgreSQL, the
 * fake inventory), so that a test can end it with SIGKILL in the middle of a request, as
 * a crash would: no shutdown hook, no rollback sent, its connections simply gone. Its
 * output goes to {@code target/order-service-process.log}.
 */
final class OrderServiceProcess implements AutoCloseable {

	private static final Path LOG = Path.of("target", "order-service-process.log");

	private final Process process;

	private final int port;

	private OrderServiceProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts it with the {@code test} profile and these arguments; returns once ready.
	 */
	static OrderServiceProcess start(String... arguments) {
		List<Integer> ports = FreePorts.find(2);
		Datastores datastores = Datastores.shared();
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), OrderServiceApplication.class.getName(),
				"--spring.profiles.active=test", "--server.port=" + ports.get(0), "--server.address=127.0.0.1",
				"--management.server.port=" + ports.get(1), "--management.server.address=127.0.0.1",
				"--spring.datasource.url=" + datastores.jdbcUrl("orders"),
				"--spring.datasource.username=" + datastores.username(),
				"--spring.datasource.password=" + datastores.password(),
				"--statewise.identity.keys=" + TestIdentity.KEYS,
				"--spring.cloud.discovery.client.simple.instances.inventory-service=" + FakeInventory.get().url()));
		command.addAll(List.of(arguments));
		try {
			Files.createDirectories(LOG.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
				.start();
			OrderServiceProcess started = new OrderServiceProcess(process, ports.get(0));
			started.awaitReady(ports.get(1));
			return started;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	RestTestClient client() {
		return TestClients.to(this.port);
	}

	/** SIGKILL, and wait until the process is gone. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		kill();
	}

	private void awaitReady(int managementPort) {
		RestTestClient management = TestClients.to(managementPort);
		await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> {
			if (!this.process.isAlive()) {
				throw new AssertionError("order-service exited (" + this.process.exitValue() + "); see " + LOG);
			}
			return management.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.returnResult()
				.getStatus()
				.value() == 200;
		});
	}

	private static String java() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

}
