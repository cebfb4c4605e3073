package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.order.system.Caller;
import io.statewise.order.system.PublicPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.statewise.support.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API, routed by the gateway under {@code /api/orders}. The caller is
 * {@code X-User-Id} (checked by {@link Caller} before anything else): a user sees and
 * changes only their own orders.
 */
@RestController
@RequestMapping("/orders")
@Validated
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{8,100}");

	private final OrderService orders;

	private final PublicPaths paths;

	OrderController(OrderService orders, PublicPaths paths) {
		this.orders = orders;
		this.paths = paths;
	}

	/**
	 * 201 with the order once inventory decided (CONFIRMED, or REJECTED with the short
	 * lines), 202 while it is PENDING; {@code Location} is the order to poll, on the
	 * public path ({@code /api/orders/{id}}). A repeat with the same key and cart gets
	 * the first answer again.
	 */
	@PostMapping
	@Operation(summary = "Check out a cart, once per Idempotency-Key")
	@ApiResponse(responseCode = "201", description = "Inventory decided: CONFIRMED, or REJECTED with shortLines",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)))
	@ApiResponse(responseCode = "202",
			description = "PENDING: inventory did not answer in time, or the outcome could not be recorded; "
					+ "the reconciler finishes it, poll Location",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)))
	@ApiResponse(responseCode = "400", description = "Invalid cart or Idempotency-Key",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "401", description = "No X-User-Id",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "Key reused for another cart, or unknown products",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503",
			description = "Orders database unreachable, no order was placed; retry with the same key after Retry-After",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ResponseEntity<String> checkout(@RequestHeader(Caller.USER_HEADER) String user,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key,
			@RequestBody @Valid CheckoutRequest request, HttpServletRequest http) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "Idempotency-Key required",
					"A checkout needs an Idempotency-Key header of 8 to 100 letters, digits or . _ : - "
							+ "(a UUID is a good one), the same for every retry of the same checkout.");
		}
		String base = this.paths.of(http);
		CheckoutReply reply = this.orders.checkout(user, key, request.lines(), base);
		String location = base + "/" + reply.orderId();
		ResponseEntity.BodyBuilder response = ResponseEntity.status(reply.status())
			.contentType(reply.isProblem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
		if (!reply.isProblem()) {
			response.header(HttpHeaders.LOCATION, location);
		}
		return response.body(reply.body());
	}

	@GetMapping
	OrderPage list(@RequestHeader(Caller.USER_HEADER) String user,
			@RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return this.orders.list(user, page, size);
	}

	@GetMapping("/{id}")
	Order get(@RequestHeader(Caller.USER_HEADER) String user, @PathVariable UUID id) {
		return this.orders.get(user, id);
	}

	@PostMapping("/{id}/cancel")
	Order cancel(@RequestHeader(Caller.USER_HEADER) String user, @PathVariable UUID id) {
		return this.orders.cancel(user, id);
	}

}
