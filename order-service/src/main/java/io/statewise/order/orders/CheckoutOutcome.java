package io.statewise.order.orders;

import java.util.List;
import java.util.UUID;

/**
 * What a checkout came to, in the order domain's words; {@link CheckoutAnswers} turns it
 * into a status and a body.
 */
sealed interface CheckoutOutcome {

	UUID orderId();

	/**
	 * The order placed: decided by inventory (CONFIRMED, or REJECTED with its short
	 * lines), or PENDING for the reconciler to finish.
	 */
	record Placed(Order order) implements CheckoutOutcome {

		@Override
		public UUID orderId() {
			return this.order.id();
		}

	}

	/** Inventory does not sell these products: nothing reserved, the order rejected. */
	record UnknownProducts(UUID orderId, List<String> productIds) implements CheckoutOutcome {

	}

	/** A repeat of a checkout whose answer was kept: that answer, unchanged. */
	record Replayed(UUID orderId, CheckoutAnswer answer) implements CheckoutOutcome {

	}

}
