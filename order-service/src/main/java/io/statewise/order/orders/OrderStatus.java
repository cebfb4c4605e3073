package io.statewise.order.orders;

/**
 * PENDING until inventory answers; then CONFIRMED (stock reserved) or REJECTED (short
 * stock, unknown products, or no answer before the deadline). PENDING and CONFIRMED
 * orders can be CANCELLED.
 */
public enum OrderStatus {

	PENDING, CONFIRMED, REJECTED, CANCELLED

}
