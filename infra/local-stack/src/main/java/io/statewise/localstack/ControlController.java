package io.statewise.localstack;

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

	@PostMapping("/{name}/kill")
	ComponentView kill(@PathVariable String name) {
		return act(name, ManagedProcess::kill);
	}

	@PostMapping("/{name}/stop")
	ComponentView stop(@PathVariable String name) {
		return act(name, ManagedProcess::stop);
	}

	@PostMapping("/{name}/start")
	ComponentView start(@PathVariable String name) {
		return act(name, ManagedProcess::start);
	}

	@PostMapping("/{name}/restart")
	ComponentView restart(@PathVariable String name) {
		return act(name, ManagedProcess::restart);
	}

	/** SIGSTOP: the component hangs with its sockets open, as a stalled host would. */
	@PostMapping("/{name}/freeze")
	ComponentView freeze(@PathVariable String name) {
		return act(name, ManagedProcess::freeze);
	}

	@PostMapping("/{name}/thaw")
	ComponentView thaw(@PathVariable String name) {
		return act(name, ManagedProcess::thaw);
	}

	private ComponentView act(String name, Consumer<ManagedProcess> action) {
		return this.stack.act(component(name), action);
	}

	private StackComponent component(String name) {
		return this.stack.find(name).orElseThrow(() -> {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
					"No component named '" + name + "'; GET /components lists them.");
			problem.setTitle("Unknown component");
			return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
		});
	}

}
