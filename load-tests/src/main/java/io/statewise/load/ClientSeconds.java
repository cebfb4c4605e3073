package io.statewise.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load generator saw, second by second: requests sent, answered as the journey
 * expects, answered otherwise, and the response times, each counted in the second the
 * request was sent (so a request that waited 5 s for a dead instance counts where the
 * user met the fault), in total and by request name (a checkout's latency is not a cart
 * read's). Gatling's own report has no per-second export; the lab (io.statewise.load.lab)
 * charts these. Every simulation records here: it costs two map lookups per request.
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

	/**
	 * A request goes out now, {@code name} in {@code group} (the journey's part:
	 * {@code browse}, {@code cart}, {@code checkout}); returns its time to give
	 * {@link #answered} back.
	 */
	static long sent(String name, String group) {
		long now = System.currentTimeMillis();
		Second second = second(now);
		second.sent.increment();
		second.request(name, group).sent.increment();
		if (FIRST.compareAndSet(0, now)) {
			firstSent.countDown();
		}
		return now;
	}

	/**
	 * The answer to a request sent at {@code sentMillis}: {@code ok} when its status is
	 * one the journey expects. Returns the status, so it can sit in a check's transform.
	 */
	static int answered(long sentMillis, String name, boolean ok, int status) {
		int millis = (int) (System.currentTimeMillis() - sentMillis);
		Second second = second(sentMillis);
		(ok ? second.ok : second.failed).increment();
		synchronized (second) {
			second.millis.add(millis);
		}
		Request request = second.request(name, "");
		(ok ? request.ok : request.failed).increment();
		request.statuses.computeIfAbsent(status, (key) -> new LongAdder()).increment();
		synchronized (request) {
			request.millis.add(millis);
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
			Map<String, RequestCounts> requests = new TreeMap<>();
			second.requests.forEach((name, request) -> requests.put(name, request.counts()));
			counts.put(epochSecond,
					new Counts(second.sent.sum(), second.ok.sum(), second.failed.sum(), millis, requests));
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
	 * @param requests the same by request name ({@code checkout}, {@code category page})
	 */
	public record Counts(long sent, long ok, long failed, List<Integer> millis, Map<String, RequestCounts> requests) {

		/** Sent and never answered (a connection refused or reset, a client timeout). */
		public long unanswered() {
			return Math.max(0, this.sent - this.ok - this.failed);
		}

	}

	/**
	 * One second's requests of one name.
	 *
	 * @param group the part of the journey it belongs to ({@code browse},
	 * {@code checkout}), empty outside any
	 * @param statuses answers by status
	 */
	public record RequestCounts(String group, long sent, long ok, long failed, List<Integer> millis,
			Map<Integer, Long> statuses) {

		/** Sent and never answered (a connection refused or reset, a client timeout). */
		public long unanswered() {
			return Math.max(0, this.sent - this.ok - this.failed);
		}

	}

	private static class Tally {

		final LongAdder sent = new LongAdder();

		final LongAdder ok = new LongAdder();

		final LongAdder failed = new LongAdder();

		final List<Integer> millis = new ArrayList<>();

	}

	private static final class Second extends Tally {

		private final Map<String, Request> requests = new ConcurrentHashMap<>();

		Request request(String name, String group) {
			return this.requests.computeIfAbsent(name, (key) -> new Request(group));
		}

	}

	private static final class Request extends Tally {

		private final String group;

		private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();

		Request(String group) {
			this.group = group;
		}

		RequestCounts counts() {
			List<Integer> copy;
			synchronized (this) {
				copy = new ArrayList<>(this.millis);
			}
			Map<Integer, Long> byStatus = new TreeMap<>();
			this.statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
			return new RequestCounts(this.group, this.sent.sum(), this.ok.sum(), this.failed.sum(), copy, byStatus);
		}

	}

}
