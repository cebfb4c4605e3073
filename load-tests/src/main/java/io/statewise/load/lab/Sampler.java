package io.statewise.load.lab;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every second, every component of the stack and the load generator itself: its state and
 * role (the control API's view), the CPU time its process has used ({@code /proc}, Linux
 * only), for a Redis data node the commands it has processed ({@code INFO stats}), for
 * service instances the Actuator metrics the experiment asks for ({@link Gauge}), and
 * where the Sentinels say the primary is ({@link #SENTINELS}). Totals since the process
 * started; the report takes the differences between seconds. Redis is asked directly
 * rather than through the services' metrics: a frozen node must read as "no answer", not
 * hold up the sample.
 */
final class Sampler implements AutoCloseable {

	/** Clock ticks per second of {@code /proc/<pid>/stat}'s times: 100 on Linux. */
	private static final double TICKS_PER_SECOND = 100;

	static final String LOAD_GENERATOR = "load-generator";

	/**
	 * The Sentinels' view, sampled as a component of its own: its role is where they say
	 * the primary is, so a failover is a change of it between two seconds.
	 */
	static final String SENTINELS = "sentinels";

	/**
	 * The machine as a whole, sampled as a component of its own: its CPU time since boot,
	 * all cores ({@code /proc/stat}), as {@link #MACHINE_MILLIS}, and the part of it the
	 * hypervisor gave to other guests ({@link #STOLEN_MILLIS}, "steal"). A run measured
	 * while a third of the machine is stolen measures the host, not the store.
	 */
	static final String MACHINE = "machine";

	static final String MACHINE_MILLIS = "cpu.total.ms";

	static final String STOLEN_MILLIS = "cpu.steal.ms";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ControlApi control;

	private final List<Sample> samples = new ArrayList<>();

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lab-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Gauge> gauges;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(300)).build();

	Sampler(ControlApi control, List<Gauge> gauges) {
		this.control = control;
		this.gauges = List.copyOf(gauges);
	}

	Sampler start() {
		this.clock.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
		return this;
	}

	private void sample() {
		long second = System.currentTimeMillis() / 1000;
		List<Sample> now = new ArrayList<>();
		now.add(new Sample(second, LOAD_GENERATOR, "load", "RUNNING", "", ProcessHandle.current().pid(),
				cpuMillis(ProcessHandle.current().pid()), null, Map.of()));
		now.add(new Sample(second, MACHINE, "MACHINE", "RUNNING", "", null, null, null, machineMillis()));
		try {
			List<ControlApi.Component> components = this.control.components();
			now.add(new Sample(second, SENTINELS, "SENTINELS", "RUNNING", sentinelsPrimary(components), null, null,
					null, Map.of()));
			for (ControlApi.Component component : components) {
				Long pid = component.pid();
				Long commands = (component.kind().equals("REDIS") && component.answers()) ? commands(component.port())
						: null;
				now.add(new Sample(second, component.name(), component.kind(), component.state(), component.role(), pid,
						(pid != null) ? cpuMillis(pid) : null, commands, gauges(component)));
			}
		}
		catch (RuntimeException ex) {
			// the control API itself was slow this second: the components miss one sample
		}
		synchronized (this.samples) {
			this.samples.addAll(now);
		}
	}

	List<Sample> samples() {
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	@Override
	public void close() {
		this.clock.shutdownNow();
	}

	/** utime + stime of a process, or {@code null} where {@code /proc} does not tell. */
	static @Nullable Long cpuMillis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// the command name (field 2) may hold spaces: count fields after its ')'
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			return Math.round(ticks * 1000 / TICKS_PER_SECOND);
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The machine's CPU time since boot and the part of it stolen, in ms, from the first
	 * line of {@code /proc/stat}
	 * ({@code cpu user nice system idle iowait irq softirq steal
	 * ...}, in clock ticks; guest time is inside user time); none where it does not tell.
	 */
	static Map<String, Double> machineMillis() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
			return lines.findFirst().map(Sampler::machineMillis).orElse(Map.of());
		}
		catch (IOException | RuntimeException ex) {
			return Map.of();
		}
	}

	static Map<String, Double> machineMillis(String cpuLine) {
		String[] fields = cpuLine.trim().split("\\s+");
		if (!fields[0].equals("cpu") || fields.length < 9) {
			return Map.of();
		}
		long total = 0;
		for (int field = 1; field <= 8; field++) {
			total += Long.parseLong(fields[field]);
		}
		return Map.of(MACHINE_MILLIS, total * 1000 / TICKS_PER_SECOND, STOLEN_MILLIS,
				Long.parseLong(fields[8]) * 1000 / TICKS_PER_SECOND);
	}

	/**
	 * Where the Sentinels say the primary is ({@code ip:port}), as the first that answers
	 * says; empty when none does.
	 */
	private static String sentinelsPrimary(List<ControlApi.Component> components) {
		for (ControlApi.Component sentinel : components) {
			if (sentinel.kind().equals("SENTINEL") && sentinel.answers()) {
				String primary = Resp.primary(sentinel.port());
				if (primary != null) {
					return primary;
				}
			}
		}
		return "";
	}

	/** {@code total_commands_processed} of the Redis node on that port. */
	static @Nullable Long commands(int port) {
		return Resp.infoField(port, "stats", "total_commands_processed");
	}

	/**
	 * The gauges asked of this component, by {@link Gauge#key()}; an instance that does
	 * not answer within the timeout has none this second.
	 */
	private Map<String, Double> gauges(ControlApi.Component component) {
		Integer managementPort = component.managementPort();
		if (managementPort == null || !component.answers()) {
			return Map.of();
		}
		Map<String, Double> values = new TreeMap<>();
		for (Gauge gauge : this.gauges) {
			if (component.name().startsWith(gauge.service() + "-")) {
				Double value = gauge.read(this.http, managementPort);
				if (value != null) {
					values.put(gauge.key(), value);
				}
			}
		}
		return values;
	}

	/**
	 * An Actuator metric of every instance of a service, read each second from its
	 * management port ({@code /actuator/metrics/{metric}}): a gauge's value, a long task
	 * timer's active tasks, a counter's count.
	 *
	 * @param tag {@code name:value} to narrow the metric to, or {@code null}
	 */
	record Gauge(String service, String metric, @Nullable String tag) {

		private static final List<String> STATISTICS = List.of("VALUE", "ACTIVE_TASKS", "COUNT");

		String key() {
			return (this.tag != null) ? this.metric + "{" + this.tag + "}" : this.metric;
		}

		@Nullable Double read(HttpClient http, int managementPort) {
			String uri = "http://127.0.0.1:" + managementPort + "/actuator/metrics/" + this.metric
					+ ((this.tag != null) ? "?tag=" + this.tag : "");
			try {
				HttpResponse<String> answer = http.send(
						HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofMillis(500)).build(),
						HttpResponse.BodyHandlers.ofString());
				return (answer.statusCode() == 200) ? value(JSON.readTree(answer.body())) : null;
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

		static @Nullable Double value(JsonNode metric) {
			for (String statistic : STATISTICS) {
				for (JsonNode measurement : metric.path("measurements")) {
					if (measurement.path("statistic").asString().equals(statistic)) {
						return measurement.path("value").asDouble();
					}
				}
			}
			return null;
		}

	}

	/**
	 * One component at one second: totals since its process started.
	 *
	 * @param role {@code primary}/{@code replica} for Redis
	 * @param gauges the {@link Gauge}s asked of it, by key
	 */
	record Sample(long epochSecond, String component, String kind, String state, String role, @Nullable Long pid,
			@Nullable Long cpuMillis, @Nullable Long redisCommands, Map<String, Double> gauges) {

	}

}
