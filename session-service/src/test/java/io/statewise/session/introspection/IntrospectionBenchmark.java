package io.statewise.session.introspection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/**
 * What introspection costs the gateway per request, against the embedded Redis: requests
 * per second from 8 threads and the median latency from one, for introspection of a
 * logged-in cookie, next to a request that touches no Redis at all (reading the cart
 * without a session) and one that loads and saves a session (reading the cart with one).
 * The ratios are the figures for docs/benchmarks.md; nothing is asserted about speed. Run
 * with {@code ./mvnw -Pbenchmark -pl session-service verify -Dtest=IntrospectionBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@SessionTest
class IntrospectionBenchmark {

	private static final int THREADS = Integer.getInteger("bench.threads", 8);

	private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));

	@LocalServerPort
	int port;

	@Test
	void introspectionComparedWithRequestsWithAndWithoutASession() throws Exception {
		Browser user = new Browser(TestUsers.randomAddress());
		user.login(this.port, TestUsers.signUp(this.port).json()).expectStatus().isOk();
		Browser guest = new Browser(TestUsers.randomAddress());
		List<String> rows = new ArrayList<>(
				List.of("| request | req/s (8 threads) | ratio | p50 µs (1 thread) |", "|---|---|---|---|"));
		double baseline = 0;
		for (Case request : List.of(new Case("cart, no session", () -> guest.cart(this.port)),
				new Case("introspection", () -> user.introspect(this.port)),
				new Case("cart, logged in", () -> user.cart(this.port)))) {
			request.call().expectStatus().isOk();
			throughput(request, Duration.ofSeconds(3));
			double perSecond = throughput(request, RUN);
			baseline = (baseline == 0) ? perSecond : baseline;
			rows.add("| %s | %.0f | %.2f | %d |".formatted(request.name(), perSecond, perSecond / baseline,
					medianMicros(request)));
		}
		System.out.println("\n" + String.join("\n", rows) + "\n");
	}

	private static double throughput(Case request, Duration duration) throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<Integer>> counts = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				counts.add(threads.submit(() -> {
					int count = 0;
					while (System.nanoTime() < end) {
						request.call();
						count++;
					}
					return count;
				}));
			}
			long total = 0;
			for (Future<Integer> count : counts) {
				total += count.get();
			}
			return total / (double) duration.toSeconds();
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static long medianMicros(Case request) {
		long[] micros = new long[2000];
		for (int i = 0; i < micros.length; i++) {
			long start = System.nanoTime();
			request.call();
			micros[i] = (System.nanoTime() - start) / 1000;
		}
		Arrays.sort(micros);
		return micros[micros.length / 2];
	}

	record Case(String name, Request request) {

		ResponseSpec call() {
			return this.request.send();
		}

	}

	interface Request {

		ResponseSpec send();

	}

}
