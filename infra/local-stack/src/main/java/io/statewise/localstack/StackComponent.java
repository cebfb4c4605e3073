package io.statewise.localstack;

import java.util.function.Supplier;

import io.statewise.embedded.ManagedProcess;
import org.jspecify.annotations.Nullable;

/**
 * A piece of the stack as the control API shows it: its process, where it listens and how
 * to ask whether it is healthy.
 */
record StackComponent(String name, Kind kind, ManagedProcess process, String url, @Nullable Integer managementPort,
		Supplier<Health> health, Supplier<String> role) {

	enum Kind {

		POSTGRES, REDIS, SENTINEL, SERVICE, GATEWAY

	}

	ComponentView view() {
		boolean running = this.process.isRunning();
		return new ComponentView(this.name, this.kind, this.url, this.managementPort,
				running ? this.process.pid().getAsLong() : null, running ? State.RUNNING : State.STOPPED,
				running ? this.health.get() : Health.DOWN, running ? this.role.get() : "");
	}

	enum State {

		RUNNING, STOPPED

	}

	/** The JSON body of the control API and one row of the startup table. */
	record ComponentView(String name, Kind kind, String url, @Nullable Integer managementPort, @Nullable Long pid,
			State state, Health health, String role) {

	}

}
