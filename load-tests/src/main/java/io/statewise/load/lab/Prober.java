package io.statewise.load.lab;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Logged-in users that set a line of their cart at a steady pace during a run, each write
 * a value never written before, and remember which writes were acknowledged
 * ({@code 200}). At the end each reads its cart back: a write acknowledged but not
 * reflected (the line shows an older value and no later write explains it) is a lost
 * acknowledged write, Jepsen's measure; a write or the cart read answered {@code 401} is
 * a lost session, and with it every write the probe had acknowledged. The writes that
 * failed after the fault give the window in which session writes failed.
 */
final class Prober implements AutoCloseable {

	/** Six products, so a cart holds at most six lines whatever the run's length. */
	private static final List<String> PRODUCTS = List.of("TEA-001", "TEA-002", "TEA-003", "TEA-004", "TEA-005",
			"TEA-006");

	private static final Pattern LINE = Pattern
		.compile("\\{[^}]*\"productId\"\\s*:\\s*\"([^\"]+)\"[^}]*\"quantity\"\\s*:\\s*(\\d+)[^}]*}");

	private final String gateway;

	private final Duration interval;

	private final List<Probe> probes = new ArrayList<>();

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean writing;

	Prober(String gateway, int count, Duration interval) {
		this.gateway = gateway;
		this.interval = interval;
		for (int i = 0; i < count; i++) {
			this.probes.add(new Probe());
		}
	}

	/**
	 * Signs up and logs in every probe and puts the six lines in its cart, each probe
	 * starting over (a new account) while the store refuses, for up to {@code patience}.
	 */
	Prober prepare(Duration patience) {
		for (Probe probe : this.probes) {
			Awaitility.await().atMost(patience).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
				probe.logIn();
				return true;
			});
		}
		return this;
	}

	void startWriting() {
		this.writing = true;
		for (Probe probe : this.probes) {
			Thread writer = new Thread(probe::writeUntilStopped, "lab-probe");
			writer.setDaemon(true);
			writer.start();
			this.writers.add(writer);
		}
	}

	/**
	 * Stops the writes, then reads every cart back, retrying a read the store could not
	 * answer ({@code 5xx}) for up to {@code patience}: a store still failing over has not
	 * lost the cart yet.
	 */
	Outcome finish(long faultMillis, Duration patience) {
		close();
		int sessionsLost = 0;
		int cartsLost = 0;
		int acknowledged = 0;
		int lost = 0;
		int failed = 0;
		long firstFailure = Long.MAX_VALUE;
		long lastFailure = Long.MIN_VALUE;
		for (Probe probe : this.probes) {
			Answer cart = probe.readCart(patience);
			Map<String, Integer> lines = shown(cart, probe.sessionLost);
			int lostHere = lostWrites(probe.writes, lines);
			sessionsLost += (probe.sessionLost || cart.status() == 401) ? 1 : 0;
			cartsLost += (lines.isEmpty() && probe.acknowledged() > 0) ? 1 : 0;
			acknowledged += probe.acknowledged();
			lost += lostHere;
			for (Write write : probe.writes) {
				if (!write.acknowledged() && write.sentMillis() >= faultMillis) {
					failed++;
					firstFailure = Math.min(firstFailure, write.sentMillis());
					lastFailure = Math.max(lastFailure, write.answeredMillis());
				}
			}
		}
		long window = (failed == 0) ? 0 : lastFailure - firstFailure;
		return new Outcome(this.probes.size(), sessionsLost, cartsLost, acknowledged, lost, failed, window,
				(failed == 0) ? -1 : firstFailure - faultMillis);
	}

	/**
	 * Writes sent between the two moments (epoch millis) and acknowledged: requests the
	 * store served besides the load's.
	 */
	long acknowledgedBetween(long from, long to) {
		return this.probes.stream()
			.flatMap((probe) -> List.copyOf(probe.writes).stream())
			.filter((write) -> write.acknowledged() && write.sentMillis() >= from && write.sentMillis() < to)
			.count();
	}

	@Override
	public void close() {
		this.writing = false;
		for (Thread writer : this.writers) {
			try {
				writer.join(Duration.ofSeconds(15).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.writers.clear();
	}

	/**
	 * Acknowledged writes the cart does not reflect: each product's quantities only grow,
	 * so a line showing a value lost every acknowledged write of a higher one (a later
	 * write, acknowledged or not, that did land explains the writes before it).
	 */
	static int lostWrites(List<Write> writes, Map<String, Integer> lines) {
		int lost = 0;
		for (Write write : writes) {
			if (write.acknowledged() && write.quantity() > lines.getOrDefault(write.product(), 0)) {
				lost++;
			}
		}
		return lost;
	}

	/**
	 * The lines of the probe's own cart as read at the end: none when its session was
	 * lost, since what it reads then is a new guest cart (the store answers a request
	 * without a session with an empty one), not the cart its writes went to.
	 */
	static Map<String, Integer> shown(Answer cart, boolean sessionLost) {
		return (cart.status() == 200 && !sessionLost) ? lines(cart.body()) : Map.of();
	}

	static Map<String, Integer> lines(String cart) {
		Map<String, Integer> lines = new HashMap<>();
		Matcher matcher = LINE.matcher(cart);
		while (matcher.find()) {
			lines.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
		}
		return lines;
	}

	/**
	 * What the probes found.
	 *
	 * @param probes users writing
	 * @param sessionsLost whose cart read answered {@code 401}
	 * @param cartsLost whose cart came back empty though writes had been acknowledged
	 * @param acknowledged writes answered {@code 200}
	 * @param lost acknowledged writes the carts do not reflect
	 * @param failedWrites writes sent after the fault and not acknowledged
	 * @param failureWindowMillis from the first such write sent to the last answered
	 * @param firstFailureAfterMillis how long after the fault the first write failed;
	 * {@code -1}: none failed
	 */
	record Outcome(int probes, int sessionsLost, int cartsLost, int acknowledged, int lost, int failedWrites,
			long failureWindowMillis, long firstFailureAfterMillis) {

	}

	/** An answer, or status 0 for none (refused, reset, timed out). */
	record Answer(String request, int status, String body) {

	}

	/** One write: which product got which quantity, and whether it was acknowledged. */
	record Write(String product, int quantity, long sentMillis, long answeredMillis, boolean acknowledged) {

	}

	private final class Probe {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.connectTimeout(Duration.ofSeconds(2))
			.build();

		private final List<Write> writes = new ArrayList<>();

		/**
		 * A write was answered {@code 401}: the probe's login, and its cart, are gone.
		 */
		private volatile boolean sessionLost;

		void logIn() {
			String email = "lab-probe-" + UUID.randomUUID() + "@example.com";
			expect(201, send("POST", "/api/account/signup", "{\"email\":\"" + email
					+ "\",\"password\":\"correct horse battery\",\"displayName\":\"Lab probe\"}"));
			expect(200, send("POST", "/api/session/login",
					"{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}"));
			for (String product : PRODUCTS) {
				expect(200, send("POST", "/api/cart/lines", "{\"productId\":\"" + product + "\",\"quantity\":1}"));
			}
		}

		/**
		 * Write {@code k} sets product {@code k mod 6} to {@code k / 6 + 1} (from 2, so
		 * no write repeats the lines' first quantity), paced at the prober's interval. A
		 * write answered {@code 401} (in memory mode the gateway's "Session lost", which
		 * also clears the cookies) ends the writes, as it would a user's: writing on
		 * would fill a new guest cart whose higher quantities would hide the lost writes.
		 */
		void writeUntilStopped() {
			long next = System.nanoTime();
			for (int k = PRODUCTS.size(); Prober.this.writing && k < 99 * PRODUCTS.size(); k++) {
				String product = PRODUCTS.get(k % PRODUCTS.size());
				int quantity = k / PRODUCTS.size() + 1;
				long sent = System.currentTimeMillis();
				int status = send("PUT", "/api/cart/lines/" + product, "{\"quantity\":" + quantity + "}").status();
				this.writes.add(new Write(product, quantity, sent, System.currentTimeMillis(), status == 200));
				if (status == 401) {
					this.sessionLost = true;
					return;
				}
				next += Prober.this.interval.toNanos();
				LockSupport.parkNanos(next - System.nanoTime());
			}
		}

		int acknowledged() {
			return (int) this.writes.stream().filter(Write::acknowledged).count();
		}

		Answer readCart(Duration patience) {
			try {
				return Awaitility.await()
					.atMost(patience)
					.pollInterval(Duration.ofMillis(500))
					.until(() -> send("GET", "/api/cart", null),
							(answer) -> answer.status() > 0 && answer.status() < 500);
			}
			catch (ConditionTimeoutException ex) {
				return send("GET", "/api/cart", null);
			}
		}

		private Answer send(String method, String path, @Nullable String body) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Prober.this.gateway + path))
				.timeout(Duration.ofSeconds(10))
				.header("Origin", Prober.this.gateway)
				.header("Accept", "application/json")
				.header("Content-Type", "application/json")
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
						: HttpRequest.BodyPublishers.noBody());
			try {
				HttpResponse<String> answer = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new Answer(method + " " + path, answer.statusCode(), answer.body());
			}
			catch (IOException ex) {
				return new Answer(method + " " + path, 0, String.valueOf(ex));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Answer(method + " " + path, 0, "interrupted");
			}
		}

		private static void expect(int status, Answer answer) {
			if (answer.status() != status) {
				throw new IllegalStateException("Preparing a probe: " + answer.request() + " answered "
						+ answer.status() + " " + answer.body());
			}
		}

	}

}
