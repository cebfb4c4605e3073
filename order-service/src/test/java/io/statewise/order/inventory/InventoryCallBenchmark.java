package io.statewise.order.inventory;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.statewise.order.OrderServiceApplication;
import io.statewise.order.StubInventory;
import io.statewise.testkit.TestDefaults;
import io.statewise.testkit.RealDatastoresInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one order-service → inventory call costs on loopback, layer by layer, one call at
 * a time against {@link StubInventory}: the bare JDK {@code HttpClient}, a
 * {@code RestClient} on the request factory order-service uses (adds Spring's client and
 * JSON), the declarative {@link InventoryClient} (adds the load balancer and the
 * observation), and {@link Inventory#reserve} (adds Resilience4j). Rounds alternate the
 * layers so that a busy machine weighs on all of them alike; the figure per layer is the
 * median of its rounds' p50, and the process CPU per call (the stub's included). Not a
 * test of speed: it prints the figures for docs/benchmarks.md. Run with
 * {@code ./mvnw -Pbenchmark -pl order-service -am verify -Dtest=InventoryCallBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; knobs {@code -Dbench.calls},
 * {@code -Dbench.rounds}.
 */
@Tag("benchmark")
class InventoryCallBenchmark {

	private static final int CALLS = Integer.getInteger("bench.calls", 2000);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

	private static final List<Line> LINES = List.of(new Line("BENCH-1", 1));

	@Test
	void oneInventoryCallLayerByLayer() throws Exception {
		try (StubInventory stub = StubInventory.start();
				ConfigurableApplicationContext instance = new SpringApplicationBuilder(OrderServiceApplication.class)
					.profiles("test")
					.initializers(RealDatastoresInitializer.forDatabase("orders"), new TestDefaults())
					.run("--server.port=0", "--management.server.port=0",
							"--spring.cloud.discovery.client.simple.instances.inventory-service=" + stub.url() + ","
									+ stub.url())) {
			Map<String, Consumer<UUID>> layers = layers(stub, instance);
			Map<String, List<double[]>> rounds = new LinkedHashMap<>();
			layers.forEach((name, call) -> measure(call, CALLS));
			for (int round = 0; round < ROUNDS; round++) {
				layers.forEach((name, call) -> rounds.computeIfAbsent(name, (key) -> new ArrayList<>())
					.add(measure(call, CALLS)));
			}
			List<String> table = new ArrayList<>(
					List.of("| one call through | p50 µs | p99 µs | CPU µs/call |", "|---|---|---|---|"));
			rounds.forEach((name, figures) -> table.add("| %s | %.0f | %.0f | %.0f |".formatted(name,
					median(figures, 0), median(figures, 1), median(figures, 2))));
			String report = String.join("\n", table);
			System.out.println("\n" + report + "\n");
			Path file = Path.of("target/benchmarks/inventory-calls.md");
			Files.createDirectories(file.getParent());
			Files.writeString(file, report + "\n");
			assertThat(rounds).isNotEmpty();
		}
	}

	private static Map<String, Consumer<UUID>> layers(StubInventory stub, ConfigurableApplicationContext instance) {
		HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String body = "{\"lines\":[{\"productId\":\"BENCH-1\",\"quantity\":1}]}";
		RestClient rest = RestClient.builder()
			.baseUrl(stub.url())
			.requestFactory(instance.getBean(ClientHttpRequestFactoryBuilder.class).build())
			.build();
		InventoryClient client = instance.getBean(InventoryClient.class);
		Inventory inventory = instance.getBean(Inventory.class);
		Map<String, Consumer<UUID>> layers = new LinkedHashMap<>();
		layers.put("bare JDK HttpClient, blocking send, JSON as a string", (id) -> {
			try {
				HttpRequest request = HttpRequest.newBuilder(URI.create(stub.url() + "/internal/reservations/" + id))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(body))
					.build();
				assertThat(jdk.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		layers.put("RestClient on order-service's request factory, JSON records",
				(id) -> rest.put()
					.uri("/internal/reservations/{id}", id)
					.body(new InventoryReservation.Request(LINES))
					.retrieve()
					.body(InventoryReservation.class));
		layers.put("InventoryClient (+ load balancer, observation)",
				(id) -> client.reserve(id, new InventoryReservation.Request(LINES)));
		layers.put("Inventory.reserve (+ Resilience4j)",
				(id) -> assertThat(inventory.reserve(id, LINES, true)).isInstanceOf(ReserveOutcome.Reserved.class));
		return layers;
	}

	/** p50 and p99 in µs, and the process CPU per call in µs. */
	private static double[] measure(Consumer<UUID> call, int calls) {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		List<Long> latencies = new ArrayList<>(calls);
		long cpu = os.getProcessCpuTime();
		for (int i = 0; i < calls; i++) {
			long start = System.nanoTime();
			call.accept(UUID.randomUUID());
			latencies.add(System.nanoTime() - start);
		}
		double cpuPerCall = (os.getProcessCpuTime() - cpu) / 1e3 / calls;
		Collections.sort(latencies);
		return new double[] { latencies.get(calls / 2) / 1e3, latencies.get(calls * 99 / 100) / 1e3, cpuPerCall };
	}

	private static double median(List<double[]> rounds, int figure) {
		List<Double> values = new ArrayList<>(rounds.stream().map((round) -> round[figure]).toList());
		Collections.sort(values);
		return values.get(values.size() / 2);
	}

}
