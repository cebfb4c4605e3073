package io.statewise.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.statewise.embedded.ManagedProcess;
import io.statewise.localstack.StackComponent.ComponentView;
import io.statewise.localstack.StackComponent.Kind;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control API (loopback only): list the components with their health, and kill
 * (SIGKILL), stop (graceful), start, restart, freeze (SIGSTOP) or thaw (SIGCONT) any one
 * of them, or reset the whole stack. Actions return once done: a started service instance
 * is ready, a started Redis node answers PING. An action that makes no sense in the
 * component's state (thaw a running process, kill a stopped one) is refused with
 * {@code 409} rather than silently done nothing, so the ops panel can say why. Every
 * action is written into the {@link Timeline}, whoever called it.
 */
@RestController
class ControlController {

	private static final Set<Action> LOSE_THE_PRIMARY = Set.of(Action.KILL, Action.STOP, Action.RESTART, Action.FREEZE);

	private final LocalStack stack;

	private final Timeline timeline;

	private final OpsPanel panel;

	ControlController(LocalStack stack, Timeline timeline, OpsPanel panel) {
		this.stack = stack;
		this.timeline = timeline;
		this.panel = panel;
	}

	@GetMapping("/components")
	List<ComponentView> list() {
		return this.stack.views();
	}

	@GetMapping("/components/{name}")
	ComponentView get(@PathVariable String name) {
		return component(name).view();
	}

	@PostMapping("/components/{name}/{action}")
	ComponentView act(@PathVariable String name, @PathVariable String action) {
		StackComponent component = component(name);
		Action named = Action.named(action);
		refuseWhenMeaningless(component, named);
		boolean primary = component.kind() == Kind.REDIS && LOSE_THE_PRIMARY.contains(named)
				&& this.stack.redisPrimary().filter(component.name()::equals).isPresent();
		String verb = named.name().toLowerCase();
		long entry = this.timeline.begin(component.name(), verb);
		this.panel.acting(component.name(), verb);
		try {
			ComponentView view = this.stack.act(component, named.operation);
			this.timeline.finish(entry, "done");
			if (primary) {
				this.panel.watchPromotion(entry, component.name());
			}
			return view;
		}
		catch (RuntimeException ex) {
			this.timeline.finish(entry, "failed: " + ex.getMessage());
			throw ex;
		}
		finally {
			this.panel.acting(component.name(), null);
		}
	}

	/**
	 * Thaws everything frozen, starts everything stopped and returns once every component
	 * is ready and Redis is one primary with all its replicas again.
	 */
	@PostMapping("/stack/reset")
	List<ComponentView> reset() {
		long entry = this.timeline.begin("stack", "reset");
		try {
			List<ComponentView> views = this.stack.reset();
			this.timeline.finish(entry, "done");
			return views;
		}
		catch (RuntimeException ex) {
			this.timeline.finish(entry, "failed: " + ex.getMessage());
			throw problem(HttpStatus.SERVICE_UNAVAILABLE, "Reset incomplete", ex.getMessage());
		}
	}

	private static void refuseWhenMeaningless(StackComponent component, Action action) {
		ManagedProcess process = component.process();
		boolean running = process.isRunning();
		boolean frozen = running && process.isFrozen();
		String reason = switch (action) {
			case THAW -> frozen ? null : component.name() + " is not frozen: there is nothing to thaw.";
			case FREEZE -> !running ? component.name() + " is not running: start it before freezing it."
					: frozen ? component.name() + " is already frozen." : null;
			case KILL, STOP -> running ? null : component.name() + " is not running.";
			default -> null;
		};
		if (reason != null) {
			throw problem(HttpStatus.CONFLICT, "Action makes no sense now", reason);
		}
	}

	private StackComponent component(String name) {
		return this.stack.find(name)
			.orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "Unknown component",
					"No component named '" + name + "'; GET /components lists them."));
	}

	private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	/** What the control API can do to a component. */
	enum Action {

		KILL(ManagedProcess::kill), STOP(ManagedProcess::stop), START(ManagedProcess::start),
		RESTART(ManagedProcess::restart),
		/**
		 * SIGSTOP: the component hangs with its sockets open, as a stalled host would.
		 */
		FREEZE(ManagedProcess::freeze), THAW(ManagedProcess::thaw);

		final Consumer<ManagedProcess> operation;

		Action(Consumer<ManagedProcess> operation) {
			this.operation = operation;
		}

		static Action named(String name) {
			return Arrays.stream(values())
				.filter((action) -> action.name().equalsIgnoreCase(name))
				.findFirst()
				.orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "Unknown action", "No action '" + name + "'; one of "
						+ Arrays.stream(values()).map((action) -> action.name().toLowerCase()).toList() + "."));
		}

	}

}
