package io.statewise.localstack;

import java.util.List;

import io.statewise.localstack.LocalStackExtension.Stack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs after every other test of the shared stack, because it stops it. */
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalStackExtension.class)
class LocalStackShutdownIntegrationTests {

	@Test
	void shutdownShouldThawFrozenComponentsAndLeaveNoProcessBehind(Stack stack) {
		assertThat(stack.post("/components/redis-replica/freeze").body().get("state").asString()).isEqualTo("FROZEN");
		assertThat(stack.post("/components/session-service-2/freeze").body().get("state").asString())
			.isEqualTo("FROZEN");
		List<Long> pids = stack.get("/components")
			.body()
			.valueStream()
			.map((component) -> component.get("pid").asLong())
			.toList();
		assertThat(pids).hasSize(13).allSatisfy((pid) -> assertThat(pid).isPositive());

		stack.close();
		// the store's browser tests leave Chromium and Playwright's driver running for
		// the JVM
		StoreBrowser.close();

		assertThat(pids).allSatisfy(
				(pid) -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("PID " + pid).isEmpty());
		assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
	}

}
