package io.statewise.order.orders;

/**
 * A checkout's answer as it was sent, kept with its order so that a repeat with the same
 * {@code Idempotency-Key} gets exactly the same status and body.
 */
record CheckoutAnswer(int status, String body) {

	boolean isProblem() {
		return this.status >= 400;
	}

}
