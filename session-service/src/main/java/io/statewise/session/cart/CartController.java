package io.statewise.session.cart;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import io.statewise.session.store.FencedSession;
import io.statewise.support.problem.ProblemException;
import io.statewise.session.store.SessionWriteRefusedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cart of the current session, guest or logged in. Reading it does not create a
 * session; the first change does. Every change is one fenced write of the lines it
 * touches (docs/adr/0012): changes to different lines never collide; when another request
 * changed the same line since this one read it, the change is applied again to the line
 * as it is now, so the later writer wins and nothing acknowledged is lost.
 */
@RestController
@RequestMapping("/api/cart")
@Validated
class CartController {

	private static final String PRODUCT_ID = "[A-Z0-9-]{1,32}";

	/**
	 * Re-applications after a same-line race: each one means another request wrote that
	 * line in between, so a handful covers any real browser.
	 */
	private static final int ATTEMPTS = 5;

	private final Catalog catalog;

	CartController(Catalog catalog) {
		this.catalog = catalog;
	}

	/** Refuses a product the catalog says it does not sell (no answer: accepted). */
	private void sold(String productId) {
		if (!this.catalog.mayBeSold(productId)) {
			throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown product",
					"The catalog has no product " + productId + "; nothing was added.")
				.with("productId", productId);
		}
	}

	@GetMapping
	@Operation(summary = "The cart of this session (empty without one; reading creates none)")
	@ApiResponse(responseCode = "200", description = "The cart")
	Cart read(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? Cart.of(session) : Cart.EMPTY;
	}

	@PostMapping("/lines")
	@Operation(summary = "Add units of a product; the first change creates the session")
	@ApiResponse(responseCode = "200", description = "The cart after the change")
	@ApiResponse(responseCode = "422", description = "Over a cart limit: 100 of one product, 50 products")
	@FencedChange
	Cart add(@RequestBody @Valid AddLine line, HttpSession session) {
		sold(line.productId());
		return update(session, line.productId(), (current) -> current + line.quantity());
	}

	@PutMapping("/lines/{productId}")
	@Operation(summary = "Set the quantity of a product; 0 removes the line")
	@ApiResponse(responseCode = "200", description = "The cart after the change")
	@ApiResponse(responseCode = "422", description = "Over a cart limit: 100 of one product, 50 products")
	@FencedChange
	Cart change(@PathVariable @Parameter(example = "TEA-001") @Pattern(regexp = PRODUCT_ID) String productId,
			@RequestBody @Valid Quantity quantity, HttpSession session) {
		if (quantity.quantity() > 0) {
			sold(productId);
		}
		return update(session, productId, (current) -> quantity.quantity());
	}

	@DeleteMapping("/lines/{productId}")
	@Operation(summary = "Remove a product's line")
	@ApiResponse(responseCode = "200", description = "The cart after the change")
	@FencedChange
	Cart remove(@PathVariable @Parameter(example = "TEA-001") @Pattern(regexp = PRODUCT_ID) String productId,
			HttpSession session) {
		return update(session, productId, (current) -> 0);
	}

	@DeleteMapping
	@Operation(summary = "Empty the cart")
	@ApiResponse(responseCode = "200", description = "The empty cart")
	@FencedChange
	Cart clear(HttpSession session) {
		return retried(() -> {
			Map<String, @Nullable Object> removals = new HashMap<>();
			Cart.lineNames(session).forEach((name) -> removals.put(name, null));
			FencedSession.setAttributes(session, removals);
		}, session);
	}

	/** Sets one line from its current quantity; 0 removes it. */
	private Cart update(HttpSession session, String productId, IntUnaryOperator quantity) {
		String name = Cart.LINE + productId;
		return retried(() -> {
			Cart.Stored current = (Cart.Stored) session.getAttribute(name);
			int next = quantity.applyAsInt((current != null) ? current.quantity() : 0);
			if (next > Cart.MAX_QUANTITY) {
				throw new Cart.CartLimitException("At most " + Cart.MAX_QUANTITY + " of one product per order.");
			}
			if (current == null && next > 0 && Cart.lineNames(session).size() >= Cart.MAX_LINES) {
				throw new Cart.CartLimitException("At most " + Cart.MAX_LINES + " different products in a cart.");
			}
			if (next <= 0) {
				session.removeAttribute(name);
			}
			else {
				long added = (current != null) ? current.added() : System.currentTimeMillis();
				session.setAttribute(name, new Cart.Stored(next, added));
			}
		}, session);
	}

	/**
	 * Runs a change, and again on a refusal for staleness (the session now holds what the
	 * store holds). Any other refusal (too late, session gone) ends the request.
	 */
	private static Cart retried(Runnable change, HttpSession session) {
		for (int attempt = 1;; attempt++) {
			try {
				change.run();
				return Cart.of(session);
			}
			catch (SessionWriteRefusedException ex) {
				if (ex.reason() != SessionWriteRefusedException.Reason.STALE || attempt >= ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	/** The answers a fenced change gives when the store refuses its write. */
	@Retention(RetentionPolicy.RUNTIME)
	@ApiResponse(responseCode = "409", description = "The session ended or changed meanwhile; nothing was changed")
	@ApiResponse(responseCode = "503", description = "The session store is unreachable, or the request came too "
			+ "late for its deadline; nothing was changed. Retry after Retry-After seconds")
	@interface FencedChange {

	}

	record AddLine(
			@Schema(example = "TEA-001") @NotNull @Pattern(regexp = PRODUCT_ID,
					message = "must be a product id") String productId,
			@Schema(example = "2") @Min(1) @Max(Cart.MAX_QUANTITY) int quantity) {

	}

	record Quantity(@Schema(example = "3") @Min(0) @Max(Cart.MAX_QUANTITY) int quantity) {

	}

}
