package io.statewise.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generator saw, second by second: requests sent, answered as the journey
 * expects, answered otherwise, and the response times, each counted in the second the
 * request was sent (so a request that waited 5 s for a dead instance counts where the
 * user met the fault). Gatling's own report has no per-second export; the lab
 * (io.statewise.load.lab) charts these. Every simulation records here: it costs a map
 * lookup per request.
 */
public final class ClientSeconds {

	private static final Map<Long, Second> SECONDS = new ConcurrentSkipListMap<>();

	private static final AtomicLong FIRST = new AtomicLong();

	private static volatile CountDownLatch firstSent = new CountDownLatch(1);

	private ClientSeconds() {
	}

	/** Forgets everything recorded: a new run starts. */
	public static void reset() {
		SECONDS.clear();
		FIRST.set(0);
		firstSent = new CountDownLatch(1);
	}

	/**
	 * Waits for the first request since the last {@link #reset()}; returns when it was
	 * sent (epoch millis). The moment a load really starts: Gatling's {@code before()}
	 * hook runs seconds earlier on a busy machine.
	 */
	public static long awaitFirstRequest(Duration atMost) throws InterruptedException {
		if (!firstSent.await(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("No request was sent within " + atMost);
		}
		return FIRST.get();
	}

	/** A request goes out now; returns its time to give {@link #answered} back. */
	static long sent() {
		long now = System.currentTimeMillis();
		second(now).sent.increment();
		if (FIRST.compareAndSet(0, now)) {
			firstSent.countDown();
		}
		return now;
	}

	/**
	 * The answer to a request sent at {@code sentMillis}: {@code ok} when its status is
	 * one the journey expects. Returns the status, so it can sit in a check's transform.
	 */
	static int answered(long sentMillis, boolean ok, int status) {
		int millis = (int) (System.currentTimeMillis() - sentMillis);
		Second second = second(sentMillis);
		(ok ? second.ok : second.failed).increment();
		synchronized (second) {
			second.millis.add(millis);
		}
		return status;
	}

	private static Second second(long epochMillis) {
		return SECONDS.computeIfAbsent(epochMillis / 1000, (key) -> new Second());
	}

	/** Every second recorded since the last {@link #reset()}, by epoch second. */
	public static Map<Long, Counts> seconds() {
		Map<Long, Counts> counts = new TreeMap<>();
		SECONDS.forEach((epochSecond, second) -> {
			List<Integer> millis;
			synchronized (second) {
				millis = new ArrayList<>(second.millis);
			}
			counts.put(epochSecond, new Counts(second.sent.sum(), second.ok.sum(), second.failed.sum(), millis));
		});
		return counts;
	}

	/**
	 * One second's requests.
	 *
	 * @param sent requests sent in it
	 * @param ok answered with a status the journey expects
	 * @param failed answered with another status (a {@code 5xx}, a {@code 401} for a lost
	 * session, a {@code 429})
	 * @param millis every answer's response time
	 */
	public record Counts(long sent, long ok, long failed, List<Integer> millis) {

		/** Sent and never answered (a connection refused or reset, a client timeout). */
		public long unanswered() {
			return Math.max(0, this.sent - this.ok - this.failed);
		}

	}

	private static final class Second {

		private final LongAdder sent = new LongAdder();

		private final LongAdder ok = new LongAdder();

		private final LongAdder failed = new LongAdder();

		private final List<Integer> millis = new ArrayList<>();

	}

}
