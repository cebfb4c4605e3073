package io.statewise.order.orders;

import java.time.Instant;
import java.util.List;

import io.statewise.order.inventory.Inventory;
import io.statewise.order.inventory.ReserveOutcome;
import io.statewise.order.inventory.ReserveOutcome.Rejected;
import io.statewise.order.inventory.ReserveOutcome.Reserved;
import io.statewise.order.inventory.ReserveOutcome.Unavailable;
import io.statewise.order.inventory.ReserveOutcome.UnknownProducts;
import io.statewise.order.orders.OrderRepository.Locked;

import org.springframework.stereotype.Component;

/**
 * The reservation step of an order, shared by checkout and the reconciler. The caller
 * holds the order's row lock, so no one else works on the order meanwhile; the outcome is
 * written in the caller's transaction.
 */
@Component
class Saga {

	static final String INSUFFICIENT_STOCK = "insufficient stock";

	private final Inventory inventory;

	private final OrderRepository orders;

	private final ReconcilerProperties properties;

	private final OrderMetrics metrics;

	Saga(Inventory inventory, OrderRepository orders, ReconcilerProperties properties, OrderMetrics metrics) {
		this.inventory = inventory;
		this.orders = orders;
		this.properties = properties;
		this.metrics = metrics;
	}

	/** Reserves a PENDING order's lines and records what inventory answered. */
	ReserveOutcome reserve(Locked order, boolean retry, String source) {
		ReserveOutcome outcome = this.inventory.reserve(order.id(), order.lines(), retry);
		if (outcome instanceof Reserved reserved) {
			this.orders.confirm(order.id(), reserved.lines());
			this.metrics.reached(OrderStatus.CONFIRMED, source);
		}
		else if (outcome instanceof Rejected rejected) {
			this.orders.reject(order.id(), rejected.lines(), rejected.shortLines(), INSUFFICIENT_STOCK, false);
			this.metrics.reached(OrderStatus.REJECTED, source);
		}
		else if (outcome instanceof UnknownProducts unknown) {
			this.orders.reject(order.id(), List.of(), List.of(),
					"unknown products: " + String.join(", ", unknown.productIds()), false);
			this.metrics.reached(OrderStatus.REJECTED, source);
		}
		else if (outcome instanceof Unavailable) {
			this.orders.reschedule(order.id(), Instant.now().plus(this.properties.backoffAfter(order.attempts())));
		}
		return outcome;
	}

	/**
	 * Gives back whatever inventory holds for a rejected or cancelled order; if inventory
	 * does not answer, the reconciler tries again later.
	 */
	void release(Locked order, boolean retry) {
		if (this.inventory.release(order.id(), retry)) {
			this.orders.releaseDone(order.id());
		}
		else {
			this.orders.reschedule(order.id(), Instant.now().plus(this.properties.backoffAfter(order.attempts())));
		}
	}

}
