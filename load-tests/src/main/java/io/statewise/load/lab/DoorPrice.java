package io.statewise.load.lab;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.statewise.load.lab.ClosedLoad.Outcome;
import io.statewise.load.lab.ControlApi.Component;
import io.statewise.load.lab.Experiment.Variant;
import org.jspecify.annotations.Nullable;

/**
 * E7, the door's price: one request, {@value #PATH} (inventory-service answers it from
 * its Redis cache), asked directly at inventory-service-1 and through a gateway started
 * for the run beside the stack ({@link GatewayProcess}: the stack's gateway jar, routed
 * to inventory-service-1 only, rate limits out of reach but the limiter running), with
 * everything on or one feature off. After a warm-up that is not measured, direct and
 * gateway alternate (a backend measured right after a hot run of the other kind reads
 * low): both at {@value #CONNECTIONS} connections, the gateway's CPU read from
 * {@code /proc} around its run, then both at one connection.
 * load-tests/gateway-benchmark.sh does the same with wrk, as a cross-check.
 */
final class DoorPrice {

	static final String PATH = "/api/catalog/products/TEA-001";

	/** Concurrency of the throughput and p99 measurements, as gateway-benchmark.sh's. */
	static final int CONNECTIONS = 64;

	private static final String BACKEND = "inventory-service-1";

	/**
	 * The gateway variants, each with the arguments its gateway starts with. Edge
	 * authentication is not among them: the catalog route asks it for writes only, so
	 * this read never meets it.
	 */
	static final Map<String, List<String>> VARIANTS = variants();

	/**
	 * In every variant: limits no load here reaches, so that no answer is a {@code 429};
	 * the limiter still runs, as in the stack's {@code load} profile.
	 */
	private static final List<String> EVERY_VARIANT = List.of(
			"--statewise.rate-limit.inventory-service.per-second=10000000",
			"--statewise.rate-limit.inventory-service.burst=20000000");

	/** How long a gateway (full JIT, on a busy machine) may take to answer. */
	private static final Duration PATIENCE = Duration.ofMinutes(3);

	private final LabOptions options;

	private final ControlApi control;

	private final Path work;

	private final Consumer<String> progress;

	DoorPrice(LabOptions options, ControlApi control, Path work, Consumer<String> progress) {
		this.options = options;
		this.control = control;
		this.work = work;
		this.progress = progress;
	}

	private static Map<String, List<String>> variants() {
		Map<String, List<String>> variants = new LinkedHashMap<>();
		variants.put("everything on", List.of());
		variants.put("rate limit off", List.of("--statewise.gateway.filters-off=rate-limit"));
		variants.put("circuit breaker off", List.of("--statewise.gateway.filters-off=health-circuit-breaker"));
		// no spans, so no traceparent to the backend either; no gateway request meter
		variants.put("observations off",
				List.of("--management.observations.enable.all=false", "--management.tracing.export.enabled=false",
						"--spring.cloud.gateway.server.webflux.metrics.enabled=false"));
		return Collections.unmodifiableMap(variants);
	}

	RunResult run(Variant variant, int repetition) {
		try {
			List<Component> components = this.control.components();
			URI direct = URI.create(component(components, BACKEND).url() + PATH);
			List<String> arguments = new ArrayList<>(EVERY_VARIANT);
			arguments.addAll(VARIANTS.get(variant.name()));
			this.progress.accept("starting its gateway");
			try (GatewayProcess gateway = GatewayProcess.start(java(components), gatewayJar(), arguments,
					environment(components), this.work.resolve(variant.slug() + "-run" + repetition + "-gateway.log"),
					PATH, PATIENCE)) {
				URI through = gateway.uri(PATH);
				warmUp(direct, through);
				Duration each = Duration.ofSeconds(secondsEach(this.options));
				this.progress
					.accept("measuring: direct and through the gateway in turn, " + each.toSeconds() * 4 + " s");
				Outcome directLoaded = ClosedLoad.run(direct, CONNECTIONS, each);
				Long cpuBefore = Sampler.cpuMillis(gateway.pid());
				Outcome gatewayLoaded = ClosedLoad.run(through, CONNECTIONS, each);
				Long cpuAfter = Sampler.cpuMillis(gateway.pid());
				Outcome directAlone = ClosedLoad.run(direct, 1, each);
				Outcome gatewayAlone = ClosedLoad.run(through, 1, each);
				String failure = failure(Map.of("direct", directLoaded, "gateway", gatewayLoaded, "direct at c=1",
						directAlone, "gateway at c=1", gatewayAlone));
				if (failure != null) {
					return RunResult.failed(variant, repetition,
							failure + " (the gateway's log: " + gateway.log() + ")");
				}
				double cpu = (cpuBefore == null || cpuAfter == null) ? Double.NaN
						: (cpuAfter - cpuBefore) * 1000.0 / gatewayLoaded.ok();
				return RunResult.door(variant, repetition,
						new DoorFigures(directLoaded.perSecond(), gatewayLoaded.perSecond(), directLoaded.p99() / 1000,
								gatewayLoaded.p99() / 1000, directAlone.p50(), gatewayAlone.p50(), cpu));
			}
		}
		catch (RuntimeException ex) {
			return RunResult.failed(variant, repetition, String.valueOf(ex));
		}
	}

	/**
	 * Gently first (a cold JVM at full concurrency times out), then at full concurrency
	 * through the gateway, then direct: JIT, connection pools, the backend's too. The
	 * gateway's reactive call graph takes minutes to compile fully (docs/benchmarks.md),
	 * which {@code --warm-up} decides how much of to wait for.
	 */
	private void warmUp(URI direct, URI through) {
		int seconds = this.options.warmUp();
		this.progress.accept("warming up, not measured: " + seconds + " s through the gateway, then direct");
		ClosedLoad.run(through, 4, Duration.ofSeconds(Math.min(10, Math.max(1, seconds / 6))));
		ClosedLoad.run(through, CONNECTIONS, Duration.ofSeconds(seconds));
		ClosedLoad.run(direct, CONNECTIONS, Duration.ofSeconds(Math.max(1, seconds / 4)));
	}

	/**
	 * Seconds of each of a run's four measurements: {@code --duration} split between
	 * them.
	 */
	static int secondsEach(LabOptions options) {
		return Math.max(1, options.duration() / 4);
	}

	/**
	 * The launcher the stack's own gateway runs on (the stack picks the newest JDK it
	 * finds, and JDK 25 runs the gateway at less CPU than 17), else the lab's.
	 */
	private static String java(List<Component> components) {
		return components.stream()
			.filter((component) -> component.kind().equals("GATEWAY") && component.pid() != null)
			.findFirst()
			.flatMap((component) -> ProcessHandle.of(component.pid()))
			.flatMap((process) -> process.info().command())
			.or(() -> ProcessHandle.current().info().command())
			.orElse("java");
	}

	private Path gatewayJar() {
		return this.options.jar().resolveSibling("services").resolve("gateway.jar");
	}

	/**
	 * What the loads that answered otherwise than {@code 200} saw; {@code null}: none.
	 */
	static @Nullable String failure(Map<String, Outcome> loads) {
		String failures = loads.entrySet()
			.stream()
			.filter((load) -> load.getValue().failures() > 0 || load.getValue().ok() == 0)
			.map((load) -> load.getKey() + ": " + load.getValue().failures() + " of "
					+ (load.getValue().ok() + load.getValue().failures()) + " not answered 200 (first: "
					+ load.getValue().firstFailure() + ")")
			.sorted()
			.collect(Collectors.joining("; "));
		return failures.isEmpty() ? null : failures;
	}

	/**
	 * The gateway's environment, from the stack's components as the control API lists
	 * them: inventory-service-1 as the only catalog instance (both paths reach the same
	 * backend), the stack's other instances and its Sentinels (so that a stack on moved
	 * ports is followed).
	 */
	static Map<String, String> environment(List<Component> components) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("STATEWISE_INVENTORY_INSTANCES", instance(component(components, BACKEND)));
		environment.put("STATEWISE_SESSION_INSTANCES", instances(components, "session-service-"));
		environment.put("STATEWISE_ORDER_INSTANCES", instances(components, "order-service-"));
		environment.put("STATEWISE_REDIS_SENTINELS",
				components.stream()
					.filter((component) -> component.kind().equals("SENTINEL"))
					.map((component) -> "127.0.0.1:" + component.port())
					.collect(Collectors.joining(",")));
		return environment;
	}

	private static String instances(List<Component> components, String prefix) {
		return components.stream()
			.filter((component) -> component.name().startsWith(prefix))
			.map(DoorPrice::instance)
			.collect(Collectors.joining(","));
	}

	private static String instance(Component component) {
		return component.url()
				+ ((component.managementPort() != null) ? "?management-port=" + component.managementPort() : "");
	}

	private static Component component(List<Component> components, String name) {
		return components.stream()
			.filter((component) -> component.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The stack has no " + name));
	}

}
