package io.statewise.session.cart;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The cart as kept in the session: product ids and quantities, in the order they were
 * added. Immutable; every change makes a new cart and sets the session attribute again,
 * which is what lets Spring Session write only the changed attribute. Prices are not kept
 * here: they come from the catalog, and the order takes its price snapshot at checkout.
 */
public record Cart(List<Line> lines) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	static final int MAX_LINES = 50;

	static final int MAX_QUANTITY = 100;

	static final Cart EMPTY = new Cart(List.of());

	public Cart {
		lines = List.copyOf(lines);
	}

	/** One product and how many. */
	public record Line(String productId, int quantity) implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

	}

	@JsonProperty("totalQuantity")
	public int totalQuantity() {
		return this.lines.stream().mapToInt(Line::quantity).sum();
	}

	Cart add(String productId, int quantity) {
		int current = quantityOf(productId);
		return with(productId, current + quantity);
	}

	/** Sets a line's quantity; 0 removes it. */
	Cart with(String productId, int quantity) {
		if (quantity > MAX_QUANTITY) {
			throw new CartLimitException("At most " + MAX_QUANTITY + " of one product per order.");
		}
		List<Line> changed = new ArrayList<>();
		boolean found = false;
		for (Line line : this.lines) {
			if (line.productId().equals(productId)) {
				found = true;
				if (quantity > 0) {
					changed.add(new Line(productId, quantity));
				}
			}
			else {
				changed.add(line);
			}
		}
		if (!found && quantity > 0) {
			if (this.lines.size() >= MAX_LINES) {
				throw new CartLimitException("At most " + MAX_LINES + " different products in a cart.");
			}
			changed.add(new Line(productId, quantity));
		}
		return new Cart(changed);
	}

	int quantityOf(String productId) {
		return this.lines.stream()
			.filter((line) -> line.productId().equals(productId))
			.mapToInt(Line::quantity)
			.findFirst()
			.orElse(0);
	}

	/** A change that would break a cart limit. */
	static final class CartLimitException extends RuntimeException {

		CartLimitException(String message) {
			super(message);
		}

	}

}
