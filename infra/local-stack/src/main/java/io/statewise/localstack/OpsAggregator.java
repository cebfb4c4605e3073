package io.statewise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.statewise.embedded.RedisProbe;
import io.statewise.localstack.OpsSnapshot.Breaker;
import io.statewise.localstack.OpsSnapshot.Node;
import io.statewise.localstack.OpsSnapshot.SignalRow;
import io.statewise.localstack.OpsSnapshot.Totals;
import io.statewise.localstack.StackComponent.ComponentView;
import io.statewise.localstack.StackComponent.Kind;
import org.jspecify.annotations.Nullable;

/**
 * One look at the whole stack, taken every second while a panel is open: each component's
 * state through the control API's own view, each service's Prometheus endpoint on its
 * management port, and Redis' replication. Everything is asked at once and waited for
 * until one deadline: a component that hangs or answers garbage is shown {@code unknown}
 * and never holds up the rest.
 */
final class OpsAggregator {

	/** Where session-service keeps a session in Redis: one hash per session. */
	static final String SESSION_KEYS = "statewise:session:fenced:*";

	private final Supplier<List<StackComponent>> components;

	private final Supplier<Optional<String>> redisPrimary;

	private final SessionMode sessionMode;

	private final BooleanSupplier stackStarted;

	private final Timeline timeline;

	private final ExecutorService pool;

	private final Duration timeout;

	private final HttpClient http;

	private final Signals signals = new Signals();

	/** The PID each component had when it was last seen ready: a new PID is starting. */
	private final Map<String, Long> seenReady = new ConcurrentHashMap<>();

	private final Map<String, String> acting = new ConcurrentHashMap<>();

	OpsAggregator(Supplier<List<StackComponent>> components, Supplier<Optional<String>> redisPrimary,
			SessionMode sessionMode, BooleanSupplier stackStarted, Timeline timeline, ExecutorService pool,
			Duration timeout) {
		this.components = components;
		this.redisPrimary = redisPrimary;
		this.sessionMode = sessionMode;
		this.stackStarted = stackStarted;
		this.timeline = timeline;
		this.pool = pool;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(pool).build();
	}

	/** Marks an action under way on a component (shown until it returns). */
	void acting(String component, @Nullable String action) {
		if (action != null) {
			this.acting.put(component, action);
		}
		else {
			this.acting.remove(component);
		}
	}

	OpsSnapshot look() {
		Instant at = Instant.now();
		long deadline = System.nanoTime() + this.timeout.toNanos();
		List<StackComponent> all = this.components.get();
		Map<String, Future<ComponentView>> views = new LinkedHashMap<>();
		Map<String, Future<Scrape>> scrapes = new LinkedHashMap<>();
		Map<String, Future<Map<String, String>>> replication = new LinkedHashMap<>();
		// counted on every data node at once: the primary may be the one that just hung
		Map<String, Future<Long>> sessions = new LinkedHashMap<>();
		for (StackComponent component : all) {
			views.put(component.name(), this.pool.submit(component::view));
			boolean answers = component.process().isRunning() && !component.process().isFrozen();
			if (answers && component.managementPort() != null) {
				scrapes.put(component.name(), this.pool.submit(() -> scrape(component.managementPort())));
			}
			if (answers && component.kind() == Kind.REDIS) {
				replication.put(component.name(),
						this.pool.submit(() -> RedisProbe.info(port(component.url()), "replication")));
				if (this.sessionMode == SessionMode.REDIS) {
					sessions.put(component.name(), this.pool.submit(() -> countSessions(port(component.url()))));
				}
			}
		}
		Future<Optional<String>> primary = this.pool.submit(this.redisPrimary::get);

		Map<String, Scrape> scraped = new LinkedHashMap<>();
		scrapes.forEach((name, future) -> {
			Scrape scrape = await(future, deadline);
			if (scrape != null) {
				scraped.put(name, scrape);
			}
		});
		this.signals.add(new Signals.Tick(at, scraped));
		Optional<String> primaryNow = Optional.ofNullable(await(primary, deadline)).flatMap((name) -> name);
		Map<String, Map<String, String>> infos = new LinkedHashMap<>();
		replication.forEach((name, future) -> infos.put(name, await(future, deadline)));

		List<Node> nodes = new ArrayList<>();
		Map<String, String> states = new LinkedHashMap<>();
		for (StackComponent component : all) {
			ComponentView view = await(views.get(component.name()), deadline);
			String state = state(component, view);
			states.put(component.name(), state);
			nodes.add(node(component, view, state, scrapes.containsKey(component.name()),
					scraped.containsKey(component.name()), primaryNow.orElse(null), infos));
		}
		List<Signals.Tick> ticks = this.signals.ticks();
		double gatewayErrors = (ticks.size() < 2) ? 0
				: Optional
					.ofNullable(Signals.delta(ticks.get(ticks.size() - 2), ticks.get(ticks.size() - 1),
							names(all, Kind.GATEWAY), Scrape::errors))
					.orElse(0.0);
		this.timeline.observe(at, states, gatewayErrors);
		return new OpsSnapshot(at, this.sessionMode.value(), primaryNow.orElse(null), nodes, signals(all, states),
				breakers(all, scraped, states), totals(all, scraped, sessions(sessions, primaryNow, deadline)),
				this.timeline.entries());
	}

	/**
	 * The primary's count, or a replica's when the primary did not answer (it holds the
	 * same keys, at most its lag behind).
	 */
	private static @Nullable Long sessions(Map<String, Future<Long>> counts, Optional<String> primary, long deadline) {
		Long fromPrimary = primary.map(counts::get).map((count) -> await(count, deadline)).orElse(null);
		if (fromPrimary != null) {
			return fromPrimary;
		}
		return counts.values()
			.stream()
			.map((count) -> await(count, deadline))
			.filter((count) -> count != null)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Waits for a probe until the look's deadline; a probe still running then is given up
	 * (its own timeout ends it soon after) and reads as unknown.
	 */
	private static <T> @Nullable T await(@Nullable Future<T> future, long deadline) {
		if (future == null) {
			return null;
		}
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		catch (Exception ex) {
			future.cancel(true);
			return null;
		}
	}

	private Scrape scrape(int managementPort) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
			.header("Accept", "text/plain;version=0.0.4")
			.timeout(this.timeout)
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("HTTP " + response.statusCode());
		}
		return Scrape.of(PrometheusText.parse(response.body()));
	}

	private String state(StackComponent component, @Nullable ComponentView view) {
		if (view == null) {
			return "unknown";
		}
		String action = this.acting.get(component.name());
		return switch (view.state()) {
			case FROZEN -> "frozen";
			case STOPPED -> (!this.stackStarted.getAsBoolean() || "start".equals(action) || "restart".equals(action))
					? "starting" : "down";
			case RUNNING -> switch (view.health()) {
				case UP -> {
					this.seenReady.put(component.name(), view.pid());
					yield "up";
				}
				case DOWN -> view.pid().equals(this.seenReady.get(component.name())) ? "not ready" : "starting";
				case UNKNOWN -> "unknown";
			};
		};
	}

	private Node node(StackComponent component, @Nullable ComponentView view, String state, boolean asked,
			boolean scraped, @Nullable String primary, Map<String, Map<String, String>> infos) {
		Long pid = (view != null) ? view.pid() : null;
		Long uptime = (pid == null) ? null
				: ProcessHandle.of(pid)
					.flatMap((handle) -> handle.info().startInstant())
					.map((start) -> Duration.between(start, Instant.now()).toSeconds())
					.orElse(null);
		String role = (view != null) ? view.role() : "";
		Long lag = null;
		if (component.kind() == Kind.REDIS) {
			Map<String, String> info = infos.get(component.name());
			role = redisRole(component.name(), primary, info);
			lag = lag(info, (primary != null) ? infos.get(primary) : null);
		}
		String metrics = (component.managementPort() == null) ? "" : (scraped ? "ok" : asked ? "unknown" : "");
		return new Node(component.name(), component.kind().name().toLowerCase(), state, pid, uptime, role, lag,
				component.url(), component.managementPort(), metrics, confirm(component, primary),
				this.acting.get(component.name()));
	}

	/**
	 * The Sentinels decide who is primary; a node that still calls itself primary without
	 * them (a thawed old primary, until they demote it) is shown as such.
	 */
	private static String redisRole(String name, @Nullable String primary, @Nullable Map<String, String> info) {
		if (name.equals(primary)) {
			return "primary";
		}
		String reported = (info != null) ? info.getOrDefault("role", "") : "";
		return switch (reported) {
			case "slave" -> "up".equals(info.get("master_link_status")) ? "replica" : "replica (link down)";
			case "master" -> "stale primary";
			default -> "";
		};
	}

	private static @Nullable Long lag(@Nullable Map<String, String> replica, @Nullable Map<String, String> primary) {
		if (replica == null || primary == null || !"slave".equals(replica.get("role"))) {
			return null;
		}
		try {
			return Math.max(0, Long.parseLong(primary.getOrDefault("master_repl_offset", ""))
					- Long.parseLong(replica.getOrDefault("slave_repl_offset", "")));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** What an action on this component loses, for the actions that lose something. */
	private Map<String, String> confirm(StackComponent component, @Nullable String primary) {
		Map<String, String> confirm = new LinkedHashMap<>();
		if (component.name().equals(primary)) {
			String lost = "Writes the replica has not copied yet are lost (replication is asynchronous).";
			confirm.put("kill", lost);
			confirm.put("stop", lost);
			confirm.put("restart", lost);
			confirm.put("freeze", "Writes it accepts while frozen are discarded when it comes back and the Sentinels"
					+ " make it a replica of the new primary.");
		}
		if (this.sessionMode == SessionMode.MEMORY && component.name().startsWith("session-service-")) {
			String lost = "Its sessions live only in its memory: their users are logged out and their carts emptied.";
			confirm.put("kill", lost);
			confirm.put("stop", lost);
			confirm.put("restart", lost);
		}
		return confirm;
	}

	private List<SignalRow> signals(List<StackComponent> all, Map<String, String> states) {
		Map<String, List<String>> services = new LinkedHashMap<>();
		for (StackComponent component : all) {
			if (component.managementPort() != null) {
				services.computeIfAbsent(service(component.name()), (key) -> new ArrayList<>()).add(component.name());
			}
		}
		List<SignalRow> rows = new ArrayList<>();
		services.forEach((service, instances) -> {
			Double total = this.signals.rate(instances, Scrape::requests, 3);
			rows.add(row(service, service, true, instances, "", null));
			if (instances.size() > 1) {
				for (String instance : instances) {
					Double mine = this.signals.rate(List.of(instance), Scrape::requests, 3);
					Double share = (total != null && total > 0) ? Double.valueOf(((mine != null) ? mine : 0) / total)
							: null;
					rows.add(row(instance, service, false, List.of(instance), states.get(instance), share));
				}
			}
		});
		return rows;
	}

	private SignalRow row(String name, String service, boolean total, List<String> instances, String state,
			@Nullable Double share) {
		List<Signals.Point> series = this.signals.series(instances);
		Signals.Point now = series.isEmpty() ? new Signals.Point(null, null, null, null)
				: series.get(series.size() - 1);
		return new SignalRow(name, service, total, state, now.rps(), now.errorRate(), now.p50Millis(), now.p99Millis(),
				share, series);
	}

	/** {@code order-service-2} is an instance of {@code order-service}. */
	static String service(String instance) {
		return instance.matches(".*-service-\\d+") ? instance.substring(0, instance.lastIndexOf('-')) : instance;
	}

	private static List<Breaker> breakers(List<StackComponent> all, Map<String, Scrape> scraped,
			Map<String, String> states) {
		List<Breaker> breakers = new ArrayList<>();
		for (StackComponent component : all) {
			Scrape scrape = scraped.get(component.name());
			if (scrape != null) {
				scrape.breakers().forEach((name, state) -> breakers.add(new Breaker(component.name(), name, state)));
			}
			else if (component.kind() == Kind.GATEWAY || component.name().startsWith("order-service-")) {
				breakers.add(new Breaker(component.name(), "",
						states.getOrDefault(component.name(), "unknown").equals("down") ? "down" : "unknown"));
			}
		}
		return breakers;
	}

	private Totals totals(List<StackComponent> all, Map<String, Scrape> scraped, @Nullable Long redisSessions) {
		List<String> gateway = names(all, Kind.GATEWAY);
		Scrape edge = gateway.stream().map(scraped::get).filter((scrape) -> scrape != null).findFirst().orElse(null);
		Double limited = (edge != null) ? edge.limited() : null;
		Double retries = (edge != null) ? edge.retries() : null;
		Double pending = scraped.values()
			.stream()
			.map(Scrape::pendingOrders)
			.filter((value) -> value != null)
			.max(Double::compare)
			.orElse(null);
		Long sessions = redisSessions;
		if (this.sessionMode == SessionMode.MEMORY) {
			sessions = scraped.values()
				.stream()
				.map(Scrape::sessions)
				.filter((value) -> value != null)
				.map(Math::round)
				.reduce(Long::sum)
				.orElse(null);
		}
		return new Totals(this.signals.rate(gateway, Scrape::limited, 3), limited,
				this.signals.rate(gateway, Scrape::retries, 3), retries, pending, sessions);
	}

	private static List<String> names(List<StackComponent> all, Kind kind) {
		return all.stream().filter((component) -> component.kind() == kind).map(StackComponent::name).toList();
	}

	/**
	 * The sessions in a Redis data node, counted with {@code SCAN} (never {@code KEYS},
	 * which blocks Redis while it runs).
	 */
	private Long countSessions(int port) throws IOException {
		long count = 0;
		String cursor = "0";
		do {
			Object reply = RedisProbe.command(port, this.timeout, "SCAN", cursor, "MATCH", SESSION_KEYS, "COUNT",
					"1000");
			if (!(reply instanceof List<?> page) || page.size() != 2 || !(page.get(1) instanceof List<?> found)) {
				throw new IOException("Unexpected SCAN reply");
			}
			cursor = String.valueOf(page.get(0));
			count += found.size();
		}
		while (!cursor.equals("0"));
		return count;
	}

	private static int port(String url) {
		return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
	}

}
