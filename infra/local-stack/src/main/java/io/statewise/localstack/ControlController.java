package io.statewise.localstack;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.statewise.embedded.ManagedProcess;
import io.statewise.localstack.StackComponent.ComponentView;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The control API (loopback only): list the components with their health, and kill
 * (SIGKILL), stop (graceful), start, restart, freeze (SIGSTOP) or thaw (SIGCONT) any one
 * of them. Actions return once done: a started service instance is ready, a started Redis
 * node answers PING.
 */
@RestController
@RequestMapping("/components")
class ControlController {

	private final LocalStack stack;

	ControlController(LocalStack stack) {
		this.stack = stack;
	}

	@GetMapping
	List<ComponentView> list() {
		return this.stack.views();
	}

	@GetMapping("/{name}")
	ComponentView get(@PathVariable String name) {
		return component(name).view();
	}

	@PostMapping("/{name}/{action}")
	ComponentView act(@PathVariable String name, @PathVariable String action) {
		return this.stack.act(component(name), Action.named(action).operation);
	}

	private StackComponent component(String name) {
		return this.stack.find(name)
			.orElseThrow(() -> notFound("Unknown component",
					"No component named '" + name + "'; GET /components lists them."));
	}

	private static ErrorResponseException notFound(String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
		problem.setTitle(title);
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
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
				.orElseThrow(() -> notFound("Unknown action", "No action '" + name + "'; one of "
						+ Arrays.stream(values()).map((action) -> action.name().toLowerCase()).toList() + "."));
		}

	}

}
