package io.statewise.localstack;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.statewise.embedded.RedisProbe;
import io.statewise.embedded.RedisTopology;
import io.statewise.localstack.LocalStackExtension.Stack;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures injected into the shared local stack through its control API, and undone after
 * each test, failed or not: whatever a test killed, stopped or froze is started or thawed
 * again and ready, and after a Redis drill both data nodes run again, one primary and one
 * replica that has caught up with it, so the next test (and the next drill) finds the
 * stack whole. A parameter of a test in a class that declares
 * {@code @ExtendWith(Faults.class)}.
 */
public class Faults implements AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Faults.class);

	/**
	 * How long the restarted old primary may take to become the new primary's replica and
	 * catch up: the Sentinels reconfigure it on their next look (up to 10 s), then a
	 * partial resync.
	 */
	private static final Duration REDIS_REJOIN = Duration.ofSeconds(60);

	private final @Nullable Stack stack;

	private final Set<String> broken = new LinkedHashSet<>();

	/** The extension itself; each test gets its own instance bound to its stack. */
	public Faults() {
		this.stack = null;
	}

	private Faults(Stack stack) {
		this.stack = stack;
	}

	private Stack stack() {
		return Objects.requireNonNull(this.stack, "a test's Faults");
	}

	/**
	 * Fails a component through the control API: {@code kill} (SIGKILL), {@code stop},
	 * {@code freeze} (SIGSTOP); an alias ({@code redis-primary}) is resolved first.
	 * Before the Redis primary fails, its replica has every write so far: replication is
	 * asynchronous (ADR 5), and a write acknowledged in the last moment before the fault
	 * may be lost by design, which is not what a drill of the store is about.
	 * @return the component's own name ({@code redis-1}), to be mended after the test
	 */
	String inject(String fault, String component) {
		String name = willBreak(component);
		assertThat(stack().post("/components/" + name + "/" + fault).status()).as(fault + " " + name).isEqualTo(200);
		return name;
	}

	/**
	 * Announces a component the test is about to break by another path than
	 * {@link #inject} (the ops panel's buttons, which call the same control API), so that
	 * it is mended after the test all the same; prepares Redis as {@link #inject} does.
	 * @return the component's own name ({@code redis-1} for {@code redis-primary})
	 */
	String willBreak(String component) {
		String name = stack().get("/components/" + component).body().get("name").asString();
		if (isRedis(name)) {
			awaitReplicaCaughtUp();
		}
		this.broken.add(name);
		return name;
	}

	/** Starts a component this test stopped, before the test ends; returns once ready. */
	void start(String component) {
		assertThat(stack().post("/components/" + component + "/start").status()).isEqualTo(200);
	}

	/**
	 * The component that served this {@code X-Served-By}.
	 * @see Stack#serving(String)
	 */
	String serving(String servedBy) {
		return stack().serving(servedBy);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Faults faults = context.getStore(NAMESPACE).remove(Faults.class, Faults.class);
		if (faults != null) {
			faults.restore();
		}
	}

	private void restore() {
		stack().restore(this.broken.toArray(String[]::new));
		if (this.broken.stream().anyMatch(Faults::isRedis)) {
			await().atMost(REDIS_REJOIN).pollInterval(Duration.ofMillis(200)).until(this::redisWhole);
			awaitReplicaCaughtUp();
		}
	}

	/** Both data nodes running and answering, one the primary, the other its replica. */
	private boolean redisWhole() {
		List<String> roles = new ArrayList<>();
		for (JsonNode component : stack().get("/components").body()) {
			if (component.get("kind").asString().equals("REDIS") && component.get("health").asString().equals("UP")) {
				roles.add(component.get("role").asString());
			}
		}
		return roles.size() == 2 && roles.containsAll(List.of("primary", "replica"));
	}

	private void awaitReplicaCaughtUp() {
		int primary = port("redis-primary");
		int replica = port("redis-replica");
		long written = offset(primary, "master_repl_offset");
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> offset(replica, "slave_repl_offset") >= written);
	}

	private int port(String component) {
		String url = stack().get("/components/" + component).body().get("url").asString();
		return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
	}

	private static long offset(int port, String field) {
		try {
			return Long.parseLong(RedisProbe.info(port, "replication").getOrDefault(field, "-1"));
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static boolean isRedis(String name) {
		return name.startsWith("redis-");
	}

	/**
	 * Bounds a shopper's wait for Redis: Sentinel's promotion and the services' clients
	 * finding the new primary, on a loaded machine.
	 */
	static Duration redisFailover() {
		return RedisTopology.CLIENT_FAILOVER_BOUND.plusSeconds(15);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Faults.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		if (System.getProperty(StoreBrowser.STORE_URL) != null) {
			throw new IllegalStateException("The failure drills break and mend the stack they start themselves, "
					+ "through its control API: run them without -D" + StoreBrowser.STORE_URL);
		}
		return context.getStore(NAMESPACE)
			.computeIfAbsent(Faults.class,
					(key) -> new Faults(LocalStackExtension.shared(LocalStackExtension.mode(context))), Faults.class);
	}

}
