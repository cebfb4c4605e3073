package io.statewise.inventory.consistency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

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
	@Operation(summary = "Check every stock invariant on one snapshot")
	@ApiResponse(responseCode = "200", description = "The report; consistent is false when any invariant is broken")
	ConsistencyReport check() {
		return this.check.run();
	}

}
