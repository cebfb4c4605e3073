package io.statewise.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A service JVM that exits while the stack starts fails the stack, which leaves no
 * process behind (its shutdown stops the datastores and the JVMs still starting). That it
 * fails at once, not after the other JVMs became ready, is {@link ParallelTests}'s. Runs
 * before the shared stack starts, so that "no process left" can be checked exactly.
 */
@Order(0)
class StartFailureIntegrationTests {

	/**
	 * Port offsets of this class's stacks: every port below 32768 (the Sentinels' 26381 +
	 * 6105), so no client socket's ephemeral port can hold one (6500 put the Sentinels at
	 * 32879-32881, and some client socket held 32880 in a verify run); and off the shared
	 * stacks' offsets (1000-5990 in steps of 10) for every pair of the stack's ports.
	 */
	private static final int EXITING_OFFSET = 6005;

	private static final int NOT_READY_OFFSET = 6105;

	@Test
	void serviceExitingWhileStartingShouldFailTheStackAndLeaveNothingRunning(@TempDir Path dataDir) {
		Set<Long> before = children();

		// an unknown enum value: order-service's JVMs fail to bind their configuration
		// and exit
		Throwable failure = catchThrowable(() -> LocalStackExtension.Stack.run(dataDir, EXITING_OFFSET,
				"--stack.service-properties.order-service.spring.main.web-application-type=bogus"));

		assertThat(rootCause(failure)).hasMessageContaining("order-service-")
			.hasMessageContaining("exited while starting");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(children()).isEqualTo(before));
	}

	@Test
	void serviceNotReadyInTimeShouldLeaveItsThreadsInItsLog(@TempDir Path dataDir) {
		Set<Long> before = children();

		// no JVM is ready within a second: the first to time out fails the stack
		Throwable failure = catchThrowable(
				() -> LocalStackExtension.Stack.run(dataDir, NOT_READY_OFFSET, "--stack.ready-timeout=1s"));

		Throwable root = rootCause(failure);
		assertThat(root).hasMessageContaining("was not ready within 1 s")
			.hasMessageContaining("its threads are dumped at its end");
		Matcher log = Pattern.compile("see (\\S+) \\(").matcher(root.getMessage());
		assertThat(log.find()).as(root.getMessage()).isTrue();
		// the JVM writes the dump on its own thread, before the stack's stop ends it
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(Path.of(log.group(1))).content().contains("Full thread dump"));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(children()).isEqualTo(before));
	}

	/** Thrown as it is, or wrapped by whatever started the stack. */
	private static Throwable rootCause(Throwable failure) {
		assertThat(failure).isNotNull();
		return NestedExceptionUtils.getMostSpecificCause(failure);
	}

	private static Set<Long> children() {
		return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

}
