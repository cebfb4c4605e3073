package io.statewise.order.orders;

import java.util.UUID;

/**
 * The answer to a checkout, kept with the order so that a repeat with the same
 * {@code Idempotency-Key} gets exactly the same status and body.
 */
record CheckoutReply(UUID orderId, int status, String body, boolean replayed) {

	boolean isProblem() {
		return this.status >= 400;
	}

}
