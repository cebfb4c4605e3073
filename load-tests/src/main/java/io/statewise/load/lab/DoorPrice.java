package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.statewise.load.lab.ClosedLoad.Outcome;
import io.statewise.load.lab.ClosedLoad.Target;
import io.statewise.load.lab.ControlApi.Component;
import io.statewise.load.lab.Experiment.Variant;
import org.jspecify.annotations.Nullable;

/**
 * E7, the door's price: one request, {@value #PATH} (inventory-service answers it from
 * its Redis cache), asked directly at inventory-service-1 and through a gateway started
 * for the run beside the stack ({@link GatewayProcess}: the stack's gateway jar, routed
 * to inventory-service-1 and order-service-1 only, rate limits out of reach but the
 * limiter running), with everything on or one feature off; and, since the catalog read
 * never meets edge authentication, a signed-in user's order list ({@link #SIGNED_IN}):
 * through the gateway with the user's session cookie, direct with the signed identity the
 * gateway would have made for it. After a warm-up that is not measured, direct and
 * gateway alternate (a backend measured right after a hot run of the other kind reads
 * low): both at {@value #CONNECTIONS} connections, the gateway's CPU read from
 * {@code /proc} around its run, then both at one connection.
 * load-tests/gateway-benchmark.sh does the same with wrk, as a cross-check.
 */
final class DoorPrice {

	static final String PATH = "/api/catalog/products/TEA-001";

	/** Concurrency of the throughput and p99 measurements, as gateway-benchmark.sh's. */
	static final int CONNECTIONS = 64;

	/**
	 * The variant that asks as signed-in users, everything on: the gateway introspects
	 * each session (cached for {@code statewise.gateway.introspection-cache-ttl}) and
	 * signs an identity per request, which the direct request brings ready-made.
	 */
	static final String SIGNED_IN = "signed in: edge authentication";

	/** The catalog read every other variant asks, anonymous. */
	static final Request CATALOG = new Request("inventory-service-1", PATH);

	/** A signed-in user's order list. */
	static final Request ORDERS = new Request("order-service-1", "/api/orders");

	/**
	 * The gateway variants, each with the arguments its gateway starts with; each asks
	 * {@link #request(String)}.
	 */
	static final Map<String, List<String>> VARIANTS = variants();

	/**
	 * In every variant: limits no load here reaches, so that no answer is a {@code 429};
	 * the limiters still run, as in the stack's {@code load} profile.
	 */
	private static final List<String> EVERY_VARIANT = List.of(
			"--statewise.rate-limit.inventory-service.per-second=10000000",
			"--statewise.rate-limit.inventory-service.burst=20000000",
			"--statewise.rate-limit.order-service.per-second=10000000",
			"--statewise.rate-limit.order-service.burst=20000000",
			// the signed-in variant's users all come from 127.0.0.1, each session new to
			// this gateway: at the default 20 and 1/s, 44 of 64 would be answered 429
			"--statewise.gateway.introspection-limit.burst=1000",
			"--statewise.gateway.introspection-limit.per-second=1000");

	/**
	 * How long the direct requests' signed identities hold: the whole run (the gateway's
	 * live for one request, which a load signing per request would measure in the lab's
	 * JVM, not in the service's).
	 */
	private static final Duration IDENTITY_LIFETIME = Duration.ofHours(2);

	/** Where services read the caller's signed identity. */
	static final String IDENTITY_HEADER = "X-Statewise-Identity";

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
		variants.put(SIGNED_IN, List.of());
		return Collections.unmodifiableMap(variants);
	}

	/** What the request of {@code variant} is. */
	static Request request(String variant) {
		return variant.equals(SIGNED_IN) ? ORDERS : CATALOG;
	}

	RunResult run(Variant variant, int repetition) {
		try {
			List<Component> components = this.control.components();
			Request request = request(variant.name());
			URI directUri = URI.create(component(components, request.backend()).url() + request.path());
			List<String> arguments = new ArrayList<>(EVERY_VARIANT);
			arguments.addAll(VARIANTS.get(variant.name()));
			Map<String, String> environment = environment(components);
			String keys = (request == ORDERS) ? identityKeys(variant) : null;
			if (keys != null) {
				environment.put("STATEWISE_IDENTITY_KEYS", keys);
				environment.put("STATEWISE_IDENTITY_SIGNINGKEY", keys.substring(0, keys.indexOf(':')));
			}
			this.progress.accept("starting its gateway");
			try (GatewayProcess gateway = GatewayProcess.start(java(components), gatewayJar(), arguments, environment,
					this.work.resolve(variant.slug() + "-run" + repetition + "-gateway.log"), PATH, PATIENCE)) {
				Target direct = Target.anonymous(directUri);
				Target through = Target.anonymous(gateway.uri(request.path()));
				if (keys != null) {
					this.progress.accept("signing up " + CONNECTIONS + " users through the stack's gateway");
					List<SignedInUser> users = SignedInUser.signUp(URI.create(component(components, "gateway").url()),
							CONNECTIONS);
					direct = new Target(directUri, identities(users, keys));
					through = new Target(through.uri(), sessions(users));
				}
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
	private void warmUp(Target direct, Target through) {
		int seconds = this.options.warmUp();
		this.progress.accept("warming up, not measured: " + seconds + " s through the gateway, then direct");
		ClosedLoad.run(through, 4, Duration.ofSeconds(Math.min(10, Math.max(1, seconds / 6))));
		ClosedLoad.run(through, CONNECTIONS, Duration.ofSeconds(seconds));
		ClosedLoad.run(direct, CONNECTIONS, Duration.ofSeconds(Math.max(1, seconds / 4)));
	}

	/**
	 * Each user's signed identity, as the gateway signs it (service-support's
	 * {@code IdentityTokens}, docs/adr/0013: HS256, the key's id, issuer, subject, roles,
	 * expiry), with the stack's key ({@code id:base64}). A copy of those claims: were
	 * they to drift apart, order-service would answer the direct requests {@code 401},
	 * which fails the run.
	 */
	static List<Map<String, String>> identities(List<SignedInUser> users, String keys) {
		int colon = keys.indexOf(':');
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.substring(0, colon)).build();
		byte[] secret = Base64.getDecoder().decode(keys.substring(colon + 1));
		Instant now = Instant.now();
		return users.stream().map((user) -> {
			SignedJWT token = new SignedJWT(header,
					new JWTClaimsSet.Builder().issuer("statewise-gateway")
						.subject(user.id())
						.claim("roles", user.roles())
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plus(IDENTITY_LIFETIME)))
						.build());
			try {
				token.sign(new MACSigner(secret));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Signing an identity failed", ex);
			}
			return Map.of(IDENTITY_HEADER, token.serialize());
		}).toList();
	}

	/** Each user's session cookie, as the browser sends it. */
	static List<Map<String, String>> sessions(List<SignedInUser> users) {
		return users.stream().map((user) -> Map.of("Cookie", "SESSION=" + user.session())).toList();
	}

	/**
	 * The key the stack signs identities with ({@code id:base64}): a fresh stack's in its
	 * data folder, a running one's ({@code --stack}) in {@code ./statewise}'s,
	 * {@code .local-stack}.
	 */
	private String identityKeys(Variant variant) {
		Path file = (this.options.stack() != null) ? Path.of(".local-stack", "identity-key")
				: variant.stack().dataDir(this.work).resolve("identity-key");
		try {
			return "local:" + Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The variant '" + SIGNED_IN + "' signs identities with the stack's key, and "
					+ file + " cannot be read (a stack started elsewhere than this folder has its key elsewhere)", ex);
		}
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
	 * them: inventory-service-1 and order-service-1 as the only instances of theirs (both
	 * paths reach the same backend), session-service's (which the gateway introspects
	 * sessions at) and the Sentinels (so that a stack on moved ports is followed).
	 */
	static Map<String, String> environment(List<Component> components) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("STATEWISE_INVENTORY_INSTANCES", instance(component(components, CATALOG.backend())));
		environment.put("STATEWISE_SESSION_INSTANCES", instances(components, "session-service-"));
		environment.put("STATEWISE_ORDER_INSTANCES", instance(component(components, ORDERS.backend())));
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

	/**
	 * What a variant asks, direct and through the gateway: the same path at both, as
	 * every service maps its public paths itself.
	 *
	 * @param backend the instance asked directly, and the only one the gateway routes to
	 * @param path the path asked
	 */
	record Request(String backend, String path) {

	}

}
