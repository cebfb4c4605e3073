package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.support.identity.Caller;
import io.statewise.support.identity.SignedIn;
import io.statewise.support.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API, on {@code /api/orders} here as through the gateway. The caller is the
 * verified {@link Caller} (required before anything else is read): a user sees and
 * changes only their own orders. {@code X-User-Id} is not part of the OpenAPI
 * description: clients never send it (the gateway strips it and signs who is calling);
 * they send the session cookie.
 */
@RestController
@SecurityRequirement(name = "session")
@RequestMapping(OrderController.PATH)
@Validated
class OrderController {

	/**
	 * The public path, the same here as through the gateway: every service maps its
	 * {@code /api/...} paths itself, so a {@code Location} or a problem's
	 * {@code instance} built here is what the client can follow.
	 */
	static final String PATH = "/api/orders";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final String NOT_SIGNED_IN = "Not signed in";

	private static final String ORDERS_ARE_PRIVATE = "Orders belong to a signed-in user; the request carried no valid signed caller identity.";

	private static final String ORDER_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

	private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{8,100}");

	private final OrderService orders;

	private final CheckoutAnswers answers;

	OrderController(OrderService orders, CheckoutAnswers answers) {
		this.orders = orders;
		this.answers = answers;
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
			headers = @Header(name = "Location", description = "The order to read, /api/orders/{id}"),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)))
	@ApiResponse(responseCode = "202",
			description = "PENDING: inventory did not answer in time, or the outcome could not be recorded; "
					+ "the reconciler finishes it, poll Location",
			headers = @Header(name = "Location", description = "The order to poll, /api/orders/{id}"),
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Order.class)))
	@ApiResponse(responseCode = "400", description = "Invalid cart, or no valid Idempotency-Key")
	@ApiResponse(responseCode = "401", description = "Not signed in")
	@ApiResponse(responseCode = "422", description = "Key reused for another cart, or unknown products")
	@ApiResponse(responseCode = "503",
			description = "Orders database unreachable, no order was placed; retry with the same key after Retry-After")
	ResponseEntity<String> checkout(@SignedIn(title = NOT_SIGNED_IN, detail = ORDERS_ARE_PRIVATE) Caller caller,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Parameter(required = true,
					description = "8 to 100 letters, digits or . _ : -, the same for every retry of one checkout",
					example = "5d0c3f7e-8b1a-4c1e-9f3a-2b7d6e4a1c90") @Nullable String key,
			@RequestBody @Valid CheckoutRequest request) {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "Idempotency-Key required",
					"A checkout needs an Idempotency-Key header of 8 to 100 letters, digits or . _ : - "
							+ "(a UUID is a good one), the same for every retry of the same checkout.");
		}
		CheckoutOutcome outcome = this.orders.checkout(caller.userId(), key, request.lines());
		CheckoutAnswer answer = this.answers.answer(outcome);
		ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
			.contentType(answer.isProblem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON);
		if (!answer.isProblem()) {
			response.header(HttpHeaders.LOCATION, PATH + "/" + outcome.orderId());
		}
		return response.body(answer.body());
	}

	@GetMapping
	@Operation(summary = "The caller's orders, newest first")
	@ApiResponse(responseCode = "200", description = "One page of orders")
	@ApiResponse(responseCode = "401", description = "Not signed in")
	OrderPage list(@SignedIn(title = NOT_SIGNED_IN, detail = ORDERS_ARE_PRIVATE) Caller caller,
			@RequestParam(defaultValue = "0") @Parameter(example = "0") @Min(0) @Max(10_000) int page,
			@RequestParam(defaultValue = "20") @Parameter(example = "20") @Min(1) @Max(100) int size) {
		return this.orders.list(caller.userId(), page, size);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One of the caller's orders")
	@ApiResponse(responseCode = "200", description = "The order")
	@ApiResponse(responseCode = "401", description = "Not signed in")
	@ApiResponse(responseCode = "404", description = "The caller has no such order")
	Order get(@SignedIn(title = NOT_SIGNED_IN, detail = ORDERS_ARE_PRIVATE) Caller caller,
			@PathVariable @Parameter(example = ORDER_ID) UUID id) {
		return this.orders.get(caller.userId(), id);
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a PENDING or CONFIRMED order; its reserved stock is released")
	@ApiResponse(responseCode = "200", description = "The order, CANCELLED (a repeat answers the same)")
	@ApiResponse(responseCode = "401", description = "Not signed in")
	@ApiResponse(responseCode = "404", description = "The caller has no such order")
	@ApiResponse(responseCode = "409", description = "The order was REJECTED: nothing to cancel")
	Order cancel(@SignedIn(title = NOT_SIGNED_IN, detail = ORDERS_ARE_PRIVATE) Caller caller,
			@PathVariable @Parameter(example = ORDER_ID) UUID id) {
		return this.orders.cancel(caller.userId(), id);
	}

	/**
	 * The domain's refusals in HTTP's words; types and titles are what clients rely on.
	 * Answered as Spring MVC answers any {@code ErrorResponse}: status, headers, body.
	 */
	@ExceptionHandler
	ProblemException refused(OrderRefusal refusal) {
		UUID id = refusal.orderId();
		return switch (refusal.reason()) {
			case UNKNOWN_ORDER ->
				new ProblemException(HttpStatus.NOT_FOUND, "Unknown order", "You have no order " + id + ".");
			case NOT_CANCELLABLE -> new ProblemException(HttpStatus.CONFLICT, "Order not cancellable",
					"Order " + id + " was rejected; there is nothing to cancel.");
			case KEY_REUSED -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
					"This Idempotency-Key was used for a different cart; use a new key for a new checkout.")
				.with("orderId", id);
		};
	}

}
