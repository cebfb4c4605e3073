package io.statewise.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

	@Test
	void serviceExitingWhileStartingShouldFailTheStackAndLeaveNothingRunning(@TempDir Path dataDir) {
		Set<Long> before = children();

		// an unknown enum value: order-service's JVMs fail to bind their configuration
		// and exit
		Throwable failure = catchThrowable(() -> LocalStackExtension.Stack.run(dataDir, 6500,
				"--stack.service-properties.order-service.spring.main.web-application-type=bogus"));

		// thrown as it is, or wrapped by whatever started the stack: its root names the
		// JVM
		Throwable root = failure;
		while (root != null && root.getCause() != null) {
			root = root.getCause();
		}
		assertThat(root).isNotNull()
			.hasMessageContaining("order-service-")
			.hasMessageContaining("exited while starting");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(children()).isEqualTo(before));
	}

	private static Set<Long> children() {
		return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

}
