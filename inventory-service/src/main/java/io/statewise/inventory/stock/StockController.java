package io.statewise.inventory.stock;

import io.statewise.support.identity.Caller;
import io.statewise.support.identity.SignedIn;
import io.statewise.support.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live stock (never cached: it is what reservations decide on) and the admin restock. The
 * caller is the one the gateway signed (service-support's {@code VerifiedCallerFilter},
 * docs/adr/0013): a bare {@code X-User-Roles} header counts for nothing.
 */
@RestController
@Validated
class StockController {

	private final StockRepository stock;

	StockController(StockRepository stock) {
		this.stock = stock;
	}

	@GetMapping("/api/catalog/products/{id}/stock")
	@Operation(summary = "A product's live stock")
	@ApiResponse(responseCode = "200", description = "The stock, never cached")
	@ApiResponse(responseCode = "404", description = "Unknown product")
	StockLevel stock(@PathVariable @Parameter(example = "TEA-001") @Pattern(regexp = "[A-Z0-9-]{1,32}") String id) {
		return this.stock.find(id).orElseThrow(() -> unknown(id));
	}

	@PostMapping("/api/catalog/products/{id}/restock")
	@Operation(summary = "Add units that arrived (administrators)", security = @SecurityRequirement(name = "session"))
	@ApiResponse(responseCode = "200",
			description = "The stock after the restock, or after the first restock with " + "this Idempotency-Key")
	@ApiResponse(responseCode = "401", description = "Not signed in")
	@ApiResponse(responseCode = "403", description = "Not an administrator, or a cross-site write (the gateway)")
	@ApiResponse(responseCode = "404", description = "Unknown product; nothing added")
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used for another product or quantity")
	StockLevel restock(
			@SignedIn(title = "Login required", detail = "Restocking needs a signed-in administrator.") Caller caller,
			@PathVariable @Parameter(example = "TEA-001") @Pattern(regexp = "[A-Z0-9-]{1,32}") String id,
			@RequestHeader(name = "Idempotency-Key", required = false) @Parameter(
					description = "Makes a retried restock add its units once",
					example = "restock-2f9c1e0a") @Size(min = 8, max = 100) @Nullable String idempotencyKey,
			@RequestBody @Valid RestockRequest request) {
		if (!caller.hasRole("admin")) {
			throw new ProblemException(HttpStatus.FORBIDDEN, "Admin role required",
					"Only an administrator can restock products.");
		}
		Restock outcome = this.stock.restock(id, request.quantity(), idempotencyKey);
		if (outcome instanceof Restock.KeyReused first) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
					"This Idempotency-Key was used to restock " + first.quantity() + " of " + first.productId()
							+ "; use a new key for a new restock.")
				.with("productId", first.productId())
				.with("quantity", first.quantity());
		}
		if (outcome instanceof Restock.Done done) {
			return done.stock();
		}
		throw unknown(id);
	}

	private static ProblemException unknown(String id) {
		return new ProblemException(HttpStatus.NOT_FOUND, "Unknown product", "No product with id '" + id + "'.");
	}

}
