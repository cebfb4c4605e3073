package io.statewise.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The approximate mode against the real (embedded) Redis, with three limiter instances
 * sharing it as three gateways would: the bound their Javadoc states
 * ({@code admitted ≤ r·(W + N·T) + N·b}), the debt that makes every instance refuse after
 * they overdrew together, and failing open when syncs stop.
 */
class SharedTokenBucketsTests {

	static final int INSTANCES = 3;

	static final int PER_SECOND = 1;

	static final int BURST = 20;

	private final Limiters limiters = new Limiters(PER_SECOND, BURST);

	private final String key = "user:" + System.nanoTime();

	@AfterEach
	void close() {
		this.limiters.close();
	}

	@Test
	void instancesTogetherShouldAdmitNoMoreThanTheLimitPlusOneBurstEachThenRefuseUntilTheDebtRefills() {
		List<SharedTokenBuckets> gateways = gateways();
		Syncs syncs = new Syncs(gateways);
		long admitted = 0;
		for (int round = 0; round < 5; round++) {
			for (SharedTokenBuckets gateway : gateways) {
				admitted += admitUntilRefused(gateway);
			}
			syncs.all();
		}
		double window = syncs.secondsSinceStart();
		double bound = PER_SECOND * (window + INSTANCES * syncs.longestGapSeconds()) + INSTANCES * BURST;
		System.out.printf("3 approximate limiters, %d/s burst %d: admitted %d in %.3f s (bound %.1f)%n", PER_SECOND,
				BURST, admitted, window, bound);
		assertThat(admitted).isGreaterThanOrEqualTo(BURST).isLessThanOrEqualTo((long) bound);
		assertThat(gateways)
			.allMatch((gateway) -> gateway.decide(Limiters.ROUTE, this.key) instanceof Decision.Limited);
	}

	@Test
	void aLimitedAnswerShouldSayHowLongUntilTheRequestedTokensRefill() {
		SharedTokenBuckets gateway = gateways().get(0);
		gateway.sync();
		admitUntilRefused(gateway);

		Decision limited = gateway.decide(Limiters.ROUTE, this.key);

		assertThat(limited).isInstanceOfSatisfying(Decision.Limited.class,
				(answer) -> assertThat(answer.retryAfterSeconds()).isOne());
		assertThat(((Decision.Limited) limited).quota()).containsEntry("X-RateLimit-Remaining", "0")
			.containsEntry("X-RateLimit-Burst-Capacity", Integer.toString(BURST));
	}

	@Test
	void requestsShouldPassUnlimitedOnceNoSyncHasSucceededForTheUnavailableTime() {
		AtomicLong clock = new AtomicLong(System.nanoTime());
		SharedTokenBuckets gateway = this.limiters.approximate(this.limiters.sharedRedis(), () -> true, clock::get);
		gateway.sync();
		assertThat(gateway.decide(Limiters.ROUTE, this.key)).isInstanceOf(Decision.Allowed.class);

		clock.addAndGet(1_000_000_000L);

		assertThat(gateway.decide(Limiters.ROUTE, this.key)).isInstanceOf(Decision.Unavailable.class);
	}

	@Test
	void callersBeyondTheBucketCapShouldPassUnlimitedAndTheCapFreeOnceTheirBucketsRefill() {
		SharedTokenBuckets gateway = this.limiters.approximate(this.limiters.sharedRedis(), () -> true, 1,
				System::nanoTime);
		gateway.sync();
		assertThat(gateway.decide(Limiters.ROUTE, this.key)).isInstanceOf(Decision.Allowed.class);

		assertThat(gateway.decide(Limiters.ROUTE, this.key + ":other")).isInstanceOf(Decision.Unavailable.class);

		await().untilAsserted(() -> {
			gateway.sync();
			assertThat(gateway.decide(Limiters.ROUTE, this.key + ":other")).isInstanceOf(Decision.Allowed.class);
		});
	}

	private List<SharedTokenBuckets> gateways() {
		return IntStream.range(0, INSTANCES)
			.mapToObj((i) -> this.limiters.approximate(this.limiters.sharedRedis(), () -> true, System::nanoTime))
			.toList();
	}

	private long admitUntilRefused(SharedTokenBuckets gateway) {
		long admitted = 0;
		while (gateway.decide(Limiters.ROUTE, this.key) instanceof Decision.Allowed) {
			admitted++;
		}
		return admitted;
	}

	/** Syncs every instance in turn, remembering the longest time between two syncs. */
	static final class Syncs {

		private final List<SharedTokenBuckets> gateways;

		private final long start = System.nanoTime();

		private long last = this.start;

		private long longestGap;

		Syncs(List<SharedTokenBuckets> gateways) {
			this.gateways = gateways;
			all();
		}

		void all() {
			this.gateways.forEach(SharedTokenBuckets::sync);
			long now = System.nanoTime();
			// an instance's gap is at most from the start of the previous round to the
			// end
			// of this one
			this.longestGap = Math.max(this.longestGap, now - this.last);
			this.last = now;
		}

		double secondsSinceStart() {
			return (System.nanoTime() - this.start) / 1e9;
		}

		double longestGapSeconds() {
			return 2 * this.longestGap / 1e9;
		}

	}

}
