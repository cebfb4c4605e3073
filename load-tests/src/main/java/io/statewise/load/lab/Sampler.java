package io.statewise.load.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Every second, every component of the stack and the load generator itself: its state and
 * role (the control API's view), the CPU time its process has used ({@code /proc}, Linux
 * only) and, for a Redis data node, the commands it has processed ({@code INFO stats}).
 * Totals since the process started; the report takes the differences between seconds.
 * Redis is asked directly rather than through the services' metrics: a frozen node must
 * read as "no answer", not hold up the sample.
 */
final class Sampler implements AutoCloseable {

	/** Clock ticks per second of {@code /proc/<pid>/stat}'s times: 100 on Linux. */
	private static final double TICKS_PER_SECOND = 100;

	static final String LOAD_GENERATOR = "load-generator";

	private final ControlApi control;

	private final List<Sample> samples = new ArrayList<>();

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lab-sampler");
		thread.setDaemon(true);
		return thread;
	});

	Sampler(ControlApi control) {
		this.control = control;
	}

	Sampler start() {
		this.clock.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
		return this;
	}

	private void sample() {
		long second = System.currentTimeMillis() / 1000;
		List<Sample> now = new ArrayList<>();
		now.add(new Sample(second, LOAD_GENERATOR, "load", "RUNNING", "", ProcessHandle.current().pid(),
				cpuMillis(ProcessHandle.current().pid()), null));
		try {
			for (ControlApi.Component component : this.control.components()) {
				Long pid = component.pid();
				Long commands = (component.kind().equals("REDIS") && component.answers()) ? commands(component.port())
						: null;
				now.add(new Sample(second, component.name(), component.kind(), component.state(), component.role(), pid,
						(pid != null) ? cpuMillis(pid) : null, commands));
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

	/** {@code total_commands_processed} of the Redis node on that port. */
	static @Nullable Long commands(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("*2\r\n$4\r\nINFO\r\n$5\r\nstats\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder header = new StringBuilder();
			for (int next = in.read(); next != '\n' && next >= 0; next = in.read()) {
				header.append((char) next);
			}
			if (header.charAt(0) != '$') {
				return null;
			}
			int length = Integer.parseInt(header.substring(1).trim());
			String info = new String(in.readNBytes(length), StandardCharsets.UTF_8);
			for (String line : info.split("\r\n")) {
				if (line.startsWith("total_commands_processed:")) {
					return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
				}
			}
			return null;
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * One component at one second: totals since its process started.
	 *
	 * @param role {@code primary}/{@code replica} for Redis
	 */
	record Sample(long epochSecond, String component, String kind, String state, String role, @Nullable Long pid,
			@Nullable Long cpuMillis, @Nullable Long redisCommands) {

	}

}
