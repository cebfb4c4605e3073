package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * A closed-model load (E7): each of {@code connections} threads sends a {@code GET} (as
 * one of the target's callers, in turn: thread {@code i} as caller
 * {@code i mod callers}), reads the whole answer and sends the next over the same
 * kept-alive connection, until the time is up; as wrk does, so that a fixed concurrency
 * meets the server and throughput is what the server can give it. Apache HttpClient 5 in
 * its blocking form: the answer is read on the thread that sent the request, so no thread
 * hand-off in the client adds to the latency measured (the JDK's {@code HttpClient}
 * completes on its selector thread). The client's own cost is the same on both paths it
 * compares.
 */
final class ClosedLoad {

	private ClosedLoad() {
	}

	static Outcome run(Target target, int connections, Duration duration) {
		URI uri = target.uri();
		ExecutorService threads = Executors.newFixedThreadPool(connections, (task) -> {
			Thread thread = new Thread(task, "lab-e7-load");
			thread.setDaemon(true);
			return thread;
		});
		try (CloseableHttpClient client = client(connections)) {
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			List<Future<Connection>> running = new ArrayList<>();
			for (int i = 0; i < connections; i++) {
				Map<String, String> headers = target.callers().get(i % target.callers().size());
				running.add(threads.submit(() -> new Connection().loop(client, uri, headers, end)));
			}
			List<Connection> done = new ArrayList<>();
			for (Future<Connection> connection : running) {
				done.add(connection.get());
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			List<Long> micros = done.stream().flatMapToLong((connection) -> connection.micros.build()).boxed().toList();
			return Outcome.of(micros, done.stream().mapToLong((connection) -> connection.failures).sum(),
					done.stream()
						.map((connection) -> connection.firstFailure)
						.filter((failure) -> failure != null)
						.findFirst()
						.orElse(null),
					seconds);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The load on " + uri + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while loading " + uri, ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Keep-alive, nothing the two paths would answer differently: no cookies, redirects,
	 * retries, gzip.
	 */
	private static CloseableHttpClient client(int connections) {
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnTotal(connections)
				.setMaxConnPerRoute(connections)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.ofSeconds(2))
					.setSocketTimeout(Timeout.ofSeconds(30))
					.build())
				.build())
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableRedirectHandling()
			.disableContentCompression()
			.build();
	}

	/** One connection's loop: the response times of its {@code 200}s, and the rest. */
	private static final class Connection {

		private final LongStream.Builder micros = LongStream.builder();

		private long failures;

		private @Nullable String firstFailure;

		Connection loop(CloseableHttpClient client, URI uri, Map<String, String> headers, long end) {
			while (System.nanoTime() < end) {
				long sent = System.nanoTime();
				String failure;
				try {
					HttpGet request = new HttpGet(uri);
					headers.forEach(request::addHeader);
					int status = client.execute(request, (response) -> {
						EntityUtils.consume(response.getEntity());
						return response.getCode();
					});
					failure = (status == 200) ? null : "answered " + status;
				}
				catch (IOException ex) {
					failure = ex.toString();
				}
				if (failure == null) {
					this.micros.add((System.nanoTime() - sent) / 1000);
				}
				else {
					this.failures++;
					this.firstFailure = (this.firstFailure != null) ? this.firstFailure : failure;
				}
			}
			return this;
		}

	}

	/**
	 * What a load asks for, and as whom.
	 *
	 * @param uri the {@code GET} every connection sends
	 * @param callers the request headers that make each caller (a session cookie, a
	 * signed identity); one empty map: anonymous
	 */
	record Target(URI uri, List<Map<String, String>> callers) {

		Target {
			if (callers.isEmpty()) {
				throw new IllegalArgumentException("A load needs a caller, if only an anonymous one");
			}
			callers = List.copyOf(callers);
		}

		static Target anonymous(URI uri) {
			return new Target(uri, List.of(Map.of()));
		}

	}

	/**
	 * What one load saw.
	 *
	 * @param ok answers {@code 200}
	 * @param failures answers other than {@code 200}, and requests without an answer
	 * @param firstFailure what the first of them was
	 * @param seconds from the first request sent to the last answer
	 * @param p50 median response time of the {@code 200}s, µs ({@code NaN}: none)
	 * @param p99 their 99th percentile, µs
	 */
	record Outcome(long ok, long failures, @Nullable String firstFailure, double seconds, double p50, double p99) {

		static Outcome of(List<Long> micros, long failures, @Nullable String firstFailure, double seconds) {
			Double p50 = Stats.percentile(micros, 50);
			Double p99 = Stats.percentile(micros, 99);
			return new Outcome(micros.size(), failures, firstFailure, seconds, (p50 != null) ? p50 : Double.NaN,
					(p99 != null) ? p99 : Double.NaN);
		}

		double perSecond() {
			return this.ok / this.seconds;
		}

	}

}
