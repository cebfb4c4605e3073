package io.statewise.session.cart;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cart of the current session, guest or logged in. Reading it does not create a
 * session; the first change does.
 */
@RestController
@RequestMapping("/api/cart")
@Validated
class CartController {

	static final String ATTRIBUTE = "cart";

	private static final String PRODUCT_ID = "[A-Z0-9-]{1,32}";

	@GetMapping
	Cart read(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? current(session) : Cart.EMPTY;
	}

	@PostMapping("/lines")
	Cart add(@RequestBody @Valid AddLine line, HttpSession session) {
		return store(session, current(session).add(line.productId(), line.quantity()));
	}

	@PutMapping("/lines/{productId}")
	Cart change(@PathVariable @Pattern(regexp = PRODUCT_ID) String productId, @RequestBody @Valid Quantity quantity,
			HttpSession session) {
		return store(session, current(session).with(productId, quantity.quantity()));
	}

	@DeleteMapping("/lines/{productId}")
	Cart remove(@PathVariable @Pattern(regexp = PRODUCT_ID) String productId, HttpSession session) {
		return store(session, current(session).with(productId, 0));
	}

	@DeleteMapping
	Cart clear(HttpSession session) {
		return store(session, Cart.EMPTY);
	}

	static Cart current(HttpSession session) {
		Object cart = session.getAttribute(ATTRIBUTE);
		return (cart instanceof Cart stored) ? stored : Cart.EMPTY;
	}

	private static Cart store(HttpSession session, Cart cart) {
		session.setAttribute(ATTRIBUTE, cart);
		return cart;
	}

	@ExceptionHandler(Cart.CartLimitException.class)
	ResponseEntity<ProblemDetail> limit(Cart.CartLimitException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Cart limit");
		return ResponseEntity.unprocessableContent().body(problem);
	}

	record AddLine(@NotNull @Pattern(regexp = PRODUCT_ID, message = "must be a product id") String productId,
			@Min(1) @Max(Cart.MAX_QUANTITY) int quantity) {

	}

	record Quantity(@Min(0) @Max(Cart.MAX_QUANTITY) int quantity) {

	}

}
