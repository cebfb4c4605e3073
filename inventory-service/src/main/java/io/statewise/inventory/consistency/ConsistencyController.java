package io.statewise.inventory.consistency;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /internal/consistency}: load and failure tests call it after every run. */
@RestController
class ConsistencyController {

	private final ConsistencyCheck check;

	ConsistencyController(ConsistencyCheck check) {
		this.check = check;
	}

	@GetMapping("/internal/consistency")
	ConsistencyReport check() {
		return this.check.run();
	}

}
