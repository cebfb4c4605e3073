package io.statewise.order.orders;

import java.util.UUID;

/**
 * Why the order domain refuses a request, in its own words; {@link OrderController} words
 * each reason for HTTP (status, problem title and detail).
 */
final class OrderRefusal extends RuntimeException {

	enum Reason {

		/** The caller has no order with this id. */
		UNKNOWN_ORDER,

		/** The order was rejected: there is nothing to cancel. */
		NOT_CANCELLABLE,

		/** The Idempotency-Key placed another cart's order. */
		KEY_REUSED

	}

	private final Reason reason;

	private final UUID orderId;

	OrderRefusal(Reason reason, UUID orderId) {
		super(reason + " " + orderId, null, false, false);
		this.reason = reason;
		this.orderId = orderId;
	}

	Reason reason() {
		return this.reason;
	}

	UUID orderId() {
		return this.orderId;
	}

}
