package io.statewise.localstack;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ParallelTests {

	@Test
	void firstFailureShouldEndTheWaitWhileAnotherActionStillRuns() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch slowEnded = new CountDownLatch(1);

		assertThatIllegalStateException().isThrownBy(() -> Parallel.run(List.of("slow", "exits"), (name) -> {
			if (name.equals("exits")) {
				throw new IllegalStateException("exits exited while starting");
			}
			awaitQuietly(release);
			slowEnded.countDown();
		})).withMessage("exits exited while starting");

		// the wait ended while the slow action was still blocked
		assertThat(slowEnded.getCount()).isOne();
		release.countDown();
		assertThat(slowEnded.await(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void everyActionShouldRunAtOnceAndHaveEndedWhenNoneFails() {
		// each action waits for the others to have started: one at a time, they would
		// time out
		CyclicBarrier allStarted = new CyclicBarrier(3);
		CountDownLatch ended = new CountDownLatch(3);

		Parallel.run(List.of(1, 2, 3), (item) -> {
			try {
				allStarted.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
				throw new IllegalStateException("The actions did not run at once", ex);
			}
			ended.countDown();
		});

		assertThat(ended.getCount()).isZero();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			// bounded, so that a wait for every action fails this test instead of hanging
			// it
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
