package io.statewise.localstack;

import java.nio.file.Path;
import java.util.List;

import io.statewise.localstack.StackComponent.ComponentView;

/** The table printed once everything is ready. */
final class StatusTable {

	private static final String FORMAT = "  %-20s %-28s %-11s %-8s %-6s %s%n";

	private StatusTable() {
	}

	static String render(List<ComponentView> views, SessionMode mode, ServiceJvm jvm, Path logs, DemoAdmin admin,
			String controlPort, StartTimes times) {
		StringBuilder table = new StringBuilder(
				"\nStatewise is ready after %s: http://localhost:%s\n".formatted(times, gatewayPort(views)));
		table.append("Session mode: ").append(mode.value()).append(" (").append(explained(mode)).append(")\n");
		table.append("Services run on: ").append(jvm).append(" (--stack.java to choose)\n\n");
		table.append(FORMAT.formatted("COMPONENT", "URL", "MANAGEMENT", "PID", "HEALTH", "ROLE"));
		for (ComponentView view : views) {
			table.append(FORMAT.formatted(view.name(), view.url(),
					(view.managementPort() != null) ? view.managementPort() : "",
					(view.pid() != null) ? view.pid() : "-", view.health(), role(view)));
		}
		table.append("\nLogs: ").append(logs).append('\n');
		table.append("Demo admin: ")
			.append(admin.email())
			.append(", password in ")
			.append(admin.passwordFile())
			.append('\n');
		table.append(
				"Ops panel: http://127.0.0.1:" + controlPort + "/ops/ (topology, live signals, faults, timeline)\n");
		table.append("Control API: GET/POST http://127.0.0.1:" + controlPort
				+ "/components[/{name}/{kill|stop|start|restart|freeze|thaw}], POST /stack/reset\n");
		table.append("Ctrl-C stops everything.\n");
		return table.toString();
	}

	/**
	 * A service instance's part: the gateway balances over the ready instances only, so a
	 * ready one is in its rotation.
	 */
	private static String role(ComponentView view) {
		return switch (view.kind()) {
			case GATEWAY -> "the only door; balances over ready instances";
			case SERVICE ->
				((view.health() == Health.UP) ? "ready: in the gateway's rotation" : "not ready: out of rotation")
						+ (view.role().isEmpty() ? "" : "; " + view.role());
			default -> view.role();
		};
	}

	private static String explained(SessionMode mode) {
		return switch (mode) {
			case REDIS -> "sessions in Redis: any session-service instance serves any browser;"
					+ " --stack.session-mode=memory for the stateful comparison";
			case MEMORY -> "sessions in each session-service instance's memory: the gateway keeps each browser"
					+ " on one instance, and its session dies with it";
		};
	}

	private static String gatewayPort(List<ComponentView> views) {
		return views.stream()
			.filter((view) -> view.kind() == StackComponent.Kind.GATEWAY)
			.map((view) -> view.url().substring(view.url().lastIndexOf(':') + 1))
			.findFirst()
			.orElse("8080");
	}

}
