package io.statewise.localstack;

import java.util.Map;

/** Ports the stack needs are taken; nothing has been started. */
class PortsInUseException extends RuntimeException {

	private final Map<Integer, String> ports;

	PortsInUseException(Map<Integer, String> ports) {
		super("Ports already in use: " + ports);
		this.ports = Map.copyOf(ports);
	}

	/** Port to the component (and the option that moves it). */
	Map<Integer, String> ports() {
		return this.ports;
	}

}
