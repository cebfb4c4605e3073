package io.statewise.order.orders;

import java.time.Instant;

import io.statewise.order.inventory.Inventory;
import io.statewise.order.inventory.ReserveOutcome.Unavailable;
import io.statewise.order.orders.OrderRepository.Locked;
import io.statewise.support.problem.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finishes what checkout could not, on every instance at once: each run claims due orders
 * one at a time with {@code FOR UPDATE SKIP LOCKED} (no two instances, and no checkout,
 * ever work on the same order) and, holding the row lock:
 * <ul>
 * <li>reserves a PENDING order again. Inventory reserves once per order id, so this also
 * closes the crash window "reserved at inventory, CONFIRMED not yet written": the repeat
 * returns the first reservation and the order is confirmed with it;</li>
 * <li>past the deadline, rejects it and releases whatever inventory may hold for it (a
 * release that arrives first leaves a marker at inventory, so a late reserve cannot take
 * stock);</li>
 * <li>retries releases of rejected or cancelled orders that inventory did not
 * acknowledge.</li>
 * </ul>
 */
@Component
class Reconciler {

	private static final Logger logger = LoggerFactory.getLogger(Reconciler.class);

	private final OrderRepository orders;

	private final Saga saga;

	private final Inventory inventory;

	private final TransactionTemplate transactions;

	private final ReconcilerProperties properties;

	private final OrderMetrics metrics;

	Reconciler(OrderRepository orders, Saga saga, Inventory inventory, TransactionTemplate transactions,
			ReconcilerProperties properties, OrderMetrics metrics) {
		this.orders = orders;
		this.saga = saga;
		this.inventory = inventory;
		this.transactions = transactions;
		this.properties = properties;
		this.metrics = metrics;
	}

	@Scheduled(fixedDelayString = "${statewise.reconciler.interval:2s}",
			initialDelayString = "${statewise.reconciler.interval:2s}")
	void run() {
		try {
			// while inventory's circuit is open every attempt would only be rescheduled
			for (int i = 0; i < this.properties.batch() && !this.inventory.refusesCalls(); i++) {
				Boolean worked = this.transactions.execute((tx) -> reconcileNext());
				if (!Boolean.TRUE.equals(worked)) {
					break;
				}
			}
			this.metrics.backlog(this.orders.backlog());
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.is(ex)) {
				logger.debug("Reconciler run cut short: PostgreSQL unreachable ({})", ex.toString());
			}
			else {
				logger.warn("Reconciler run failed; the next run tries again", ex);
			}
		}
	}

	/** One due order, in the caller's transaction; false when none is due. */
	boolean reconcileNext() {
		Locked order = this.orders.claimNextDue().orElse(null);
		if (order == null) {
			return false;
		}
		if (order.status() != OrderStatus.PENDING) {
			this.saga.release(order, false);
		}
		else if (Instant.now().isAfter(order.createdAt().plus(this.properties.deadline()))) {
			logger.warn("Order {} still PENDING after {}: rejecting it and releasing its stock", order.id(),
					this.properties.deadline());
			this.orders.reject(order.id(), java.util.List.of(), java.util.List.of(),
					"inventory-service did not confirm in time", true);
			this.metrics.reached(OrderStatus.REJECTED, "reconciler");
			this.saga.release(order, false);
		}
		else if (this.saga.reserve(order, false, "reconciler") instanceof Unavailable unavailable) {
			logger.debug("Order {} still PENDING: {}", order.id(), unavailable.cause());
		}
		return true;
	}

}
