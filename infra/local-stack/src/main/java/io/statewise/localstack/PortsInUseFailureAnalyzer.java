package io.statewise.localstack;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a port conflict into a message that names the port and the option to change it.
 */
class PortsInUseFailureAnalyzer extends AbstractFailureAnalyzer<PortsInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, PortsInUseException cause) {
		String ports = cause.ports()
			.entrySet()
			.stream()
			.map((entry) -> "  port " + entry.getKey() + " for " + entry.getValue())
			.collect(Collectors.joining("\n"));
		return new FailureAnalysis(
				"The local stack needs ports that are already in use:\n" + ports + "\nNothing was started.",
				"Stop whatever uses them, or move the stack: --stack.port-offset=1000 "
						+ "shifts every port, or set one port with the option named above.",
				cause);
	}

}
