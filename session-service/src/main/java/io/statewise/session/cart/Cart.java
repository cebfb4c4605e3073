package io.statewise.session.cart;

import java.io.Serial;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.statewise.support.problem.ProblemException;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;

/**
 * The cart as answered: product ids and quantities, in the order they were added. In the
 * session each line is an attribute of its own ({@value #LINE}{@code <productId>}), so
 * two requests that change different lines never overwrite one another (docs/adr/0012).
 * Prices are not kept here: they come from the catalog, and the order takes its price
 * snapshot at checkout.
 */
public record Cart(List<Line> lines) {

	static final String LINE = "cart.line.";

	static final int MAX_LINES = 50;

	static final int MAX_QUANTITY = 100;

	static final Cart EMPTY = new Cart(List.of());

	public Cart {
		lines = List.copyOf(lines);
	}

	/** One product and how many. */
	public record Line(String productId, int quantity) {

	}

	/**
	 * A line as kept in the session: how many, and when it was first added (for the order
	 * of lines).
	 */
	record Stored(int quantity, long added) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

	}

	@JsonProperty("totalQuantity")
	public int totalQuantity() {
		return this.lines.stream().mapToInt(Line::quantity).sum();
	}

	/** The cart held by a session (empty when there is none). */
	static Cart of(HttpSession session) {
		return new Cart(lineNames(session).stream()
			.sorted(Comparator.comparingLong((String name) -> stored(session, name).added())
				.thenComparing(Comparator.naturalOrder()))
			.map((name) -> new Line(name.substring(LINE.length()), stored(session, name).quantity()))
			.toList());
	}

	static List<String> lineNames(HttpSession session) {
		return java.util.Collections.list(session.getAttributeNames())
			.stream()
			.filter((name) -> name.startsWith(LINE) && session.getAttribute(name) instanceof Stored)
			.toList();
	}

	private static Stored stored(HttpSession session, String name) {
		return (Stored) session.getAttribute(name);
	}

	/** A change that would break a cart limit. */
	static final class CartLimitException extends ProblemException {

		CartLimitException(String message) {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "Cart limit", message);
		}

	}

}
