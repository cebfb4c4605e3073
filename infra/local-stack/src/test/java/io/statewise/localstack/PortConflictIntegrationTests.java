package io.statewise.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Runs before the shared stack starts, so "nothing was started" can be checked exactly.
 */
@Order(0)
class PortConflictIntegrationTests {

	@Test
	void portInUseShouldBeNamedWithItsOptionAndNothingStarted(@TempDir Path dataDir) throws IOException {
		int offset = 5000;
		int gatewayPort = 8080 + offset;
		Set<Long> before = children();
		try (ServerSocket taken = new ServerSocket(gatewayPort, 1, InetAddress.getLoopbackAddress())) {
			PortsInUseException conflict = catchThrowableOfType(PortsInUseException.class,
					() -> LocalStackExtension.Stack.run(dataDir, offset));

			assertThat(conflict.ports()).containsOnlyKeys(gatewayPort);
			FailureAnalysis analysis = new PortsInUseFailureAnalyzer().analyze(conflict);
			assertThat(analysis.getDescription()).contains("port " + gatewayPort, "--stack.ports.gateway");
			assertThat(analysis.getAction()).contains("--stack.port-offset");
		}
		assertThat(children()).isEqualTo(before);
	}

	private static Set<Long> children() {
		return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
	}

}
