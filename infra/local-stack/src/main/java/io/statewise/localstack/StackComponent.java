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

	/**
	 * A frozen component's health and role are not asked for: it would not answer, and
	 * the listing must not hang on it.
	 */
	ComponentView view() {
		boolean running = this.process.isRunning();
		boolean frozen = running && this.process.isFrozen();
		State state = frozen ? State.FROZEN : running ? State.RUNNING : State.STOPPED;
		boolean answers = state == State.RUNNING;
		return new ComponentView(this.name, this.kind, this.url, this.managementPort,
				running ? this.process.pid().getAsLong() : null, state, answers ? this.health.get() : Health.DOWN,
				answers ? this.role.get() : "");
	}

	enum State {

		RUNNING, FROZEN, STOPPED

	}

	/** The JSON body of the control API and one row of the startup table. */
	record ComponentView(String name, Kind kind, String url, @Nullable Integer managementPort, @Nullable Long pid,
			State state, Health health, String role) {

	}

}
