package io.statewise.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Timer;
import io.statewise.order.inventory.Inventory;
import io.statewise.order.inventory.Line;
import io.statewise.order.inventory.ReserveOutcome;
import io.statewise.order.inventory.ReserveOutcome.Rejected;
import io.statewise.order.inventory.ReserveOutcome.Reserved;
import io.statewise.order.inventory.ReserveOutcome.UnknownProducts;
import io.statewise.order.orders.CheckoutOutcome.Placed;
import io.statewise.order.orders.CheckoutOutcome.Replayed;
import io.statewise.order.orders.OrderRepository.Keyed;
import io.statewise.order.orders.OrderRepository.Locked;
import io.statewise.support.lines.ProductLines;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkout, cancel, list and get. Checkout is two transactions: the first records the
 * order PENDING (or finds the one this key already made), the second locks it, asks
 * inventory and records the outcome together with the reply, so a repeat of the request
 * replays that reply. Holding the row lock across the inventory call is deliberate: a
 * racing duplicate waits for the first reply instead of reserving twice, and the
 * reconciler ({@code SKIP LOCKED}) leaves an order alone while its checkout works on it.
 * With inventory's circuit open the first transaction already answers 202.
 * <p>
 * Once the first transaction has committed, the order exists and its checkout answers
 * with it whatever fails afterwards: a 202 (the reconciler finishes the order), never an
 * error a client could take for "not placed" and give up on.
 */
@Service
class OrderService {

	private static final Logger logger = LoggerFactory.getLogger(OrderService.class);

	private final OrderRepository orders;

	private final Saga saga;

	private final Inventory inventory;

	private final TransactionTemplate transactions;

	private final CheckoutAnswers answers;

	private final ReconcilerProperties reconciler;

	private final OrderMetrics metrics;

	OrderService(OrderRepository orders, Saga saga, Inventory inventory, TransactionTemplate transactions,
			CheckoutAnswers answers, ReconcilerProperties reconciler, OrderMetrics metrics) {
		this.orders = orders;
		this.saga = saga;
		this.inventory = inventory;
		this.transactions = transactions;
		this.answers = answers;
		this.reconciler = reconciler;
		this.metrics = metrics;
	}

	CheckoutOutcome checkout(String userId, String key, List<CheckoutRequest.Line> requested) {
		Timer.Sample sample = this.metrics.start();
		List<Line> lines = ProductLines.normalized(
				requested.stream().map((line) -> new Line(line.productId(), line.quantity())).toList(),
				Line::productId);
		String fingerprint = ProductLines.fingerprint(lines, Line::productId, Line::quantity);
		boolean circuitOpen = this.inventory.refusesCalls();
		// if this fails, nothing was committed (503); a retry with the key starts afresh
		Recorded recorded = this.transactions.execute((tx) -> record(userId, key, fingerprint, lines, circuitOpen));
		if (recorded.created()) {
			this.metrics.reached(OrderStatus.PENDING, "checkout");
		}
		CheckoutOutcome outcome = (recorded.outcome() != null) ? recorded.outcome() : decideOrAccept(recorded);
		this.metrics.checkout(sample, metricOutcome(outcome));
		return outcome;
	}

	/**
	 * The first transaction. A new order meeting an open circuit gets its 202 here: the
	 * inventory call would be refused anyway, and one commit is cheaper than two. A key
	 * whose answer is kept replays it at once: a kept answer never changes, so it needs
	 * no lock.
	 */
	private Recorded record(String userId, String key, String fingerprint, List<Line> lines, boolean circuitOpen) {
		UUID id = UUID.randomUUID();
		Instant created = this.orders
			.insert(id, userId, key, fingerprint, lines, Instant.now().plus(this.reconciler.grace()))
			.orElse(null);
		if (created != null) {
			Order order = Order.recorded(id, lines, created);
			if (!circuitOpen) {
				return new Recorded(id, true, order, null);
			}
			Placed pending = new Placed(order);
			this.answers.keep(pending);
			return new Recorded(id, true, order, pending);
		}
		Keyed existing = this.orders.findByKey(userId, key).orElseThrow();
		if (!existing.fingerprint().equals(fingerprint)) {
			throw new OrderRefusal(OrderRefusal.Reason.KEY_REUSED, existing.id());
		}
		return CheckoutAnswers.kept(existing.id(), existing.responseStatus(), existing.responseBody())
			.map((replayed) -> new Recorded(existing.id(), false, null, replayed))
			.orElseGet(() -> new Recorded(existing.id(), false, this.orders.find(existing.id(), userId).orElseThrow(),
					null));
	}

	/**
	 * The second transaction, for an order that exists: if it fails (the database went
	 * away, the commit failed, anything), the outcome is still the order, accepted.
	 * Nothing is kept then, so a retry with the same key works on it again; the
	 * reconciler finishes it meanwhile (inventory reserves once per order id, so a
	 * reservation made before the failure is the one it confirms).
	 */
	private CheckoutOutcome decideOrAccept(Recorded recorded) {
		try {
			return this.transactions.execute((tx) -> decide(recorded.id()));
		}
		catch (RuntimeException ex) {
			logger.warn("Checkout of order {} could not record its outcome ({}); answering 202 with the order, "
					+ "the reconciler finishes it", recorded.id(), ex.toString());
			return new Placed(Objects.requireNonNull(recorded.order()));
		}
	}

	/**
	 * The outcome is built from what this transaction holds and wrote, not read back;
	 * only an order someone else decided meanwhile (the reconciler, after a long stall)
	 * is read.
	 */
	private CheckoutOutcome decide(UUID orderId) {
		Locked order = this.orders.lock(orderId).orElseThrow();
		Optional<Replayed> kept = CheckoutAnswers.kept(orderId, order.responseStatus(), order.responseBody());
		if (kept.isPresent()) {
			return kept.get();
		}
		CheckoutOutcome outcome;
		if (order.status() == OrderStatus.PENDING) {
			ReserveOutcome reserved = this.saga.reserve(order, true, "checkout");
			outcome = (reserved instanceof UnknownProducts unknown)
					? new CheckoutOutcome.UnknownProducts(orderId, unknown.productIds())
					: new Placed(afterSagaStep(order, reserved));
		}
		else {
			outcome = new Placed(this.orders.find(orderId, order.userId()).orElseThrow());
		}
		this.answers.keep(outcome);
		return outcome;
	}

	private static Order afterSagaStep(Locked order, ReserveOutcome outcome) {
		if (outcome instanceof Reserved reserved) {
			return order.afterSagaStep(OrderStatus.CONFIRMED, null, reserved.lines(), List.of());
		}
		if (outcome instanceof Rejected rejected) {
			return order.afterSagaStep(OrderStatus.REJECTED, Saga.INSUFFICIENT_STOCK, rejected.lines(),
					rejected.shortLines());
		}
		return order.afterSagaStep(OrderStatus.PENDING, null, List.of(), List.of());
	}

	Order get(String userId, UUID id) {
		return this.orders.find(id, userId).orElseThrow(() -> notFound(id));
	}

	OrderPage list(String userId, int page, int size) {
		return this.transactions.execute(
				(tx) -> new OrderPage(this.orders.page(userId, page, size), page, size, this.orders.count(userId)));
	}

	/**
	 * Cancels a PENDING or CONFIRMED order and gives its stock back; cancelling again
	 * answers the cancelled order. Two steps, so that stock is only ever given back for
	 * an order whose cancellation is committed: the first transaction records it
	 * CANCELLED with its release pending; then the release is sent. If that second step
	 * fails or this instance dies in between, the release is still pending and whoever
	 * finds it first finishes it: a repeated cancel, or the reconciler on any instance
	 * once {@code grace} has passed.
	 */
	Order cancel(String userId, UUID id) {
		Cancelled cancelled = Objects.requireNonNull(this.transactions.execute((tx) -> recordCancel(userId, id)));
		if (cancelled.releasePending()) {
			release(id);
		}
		return cancelled.order();
	}

	private Cancelled recordCancel(String userId, UUID id) {
		Locked order = this.orders.lock(id)
			.filter((locked) -> locked.userId().equals(userId))
			.orElseThrow(() -> notFound(id));
		boolean releasePending = switch (order.status()) {
			case PENDING, CONFIRMED -> {
				this.orders.cancel(id, "cancelled by the customer", Instant.now().plus(this.reconciler.grace()));
				this.metrics.reached(OrderStatus.CANCELLED, "customer");
				yield true;
			}
			case REJECTED -> throw new OrderRefusal(OrderRefusal.Reason.NOT_CANCELLABLE, id);
			// idempotent: the order is already what the caller wants; a release that
			// an earlier cancel left pending is finished now
			case CANCELLED -> order.releasePending();
		};
		return new Cancelled(this.orders.find(id, userId).orElseThrow(), releasePending);
	}

	/**
	 * The second step of a cancel, under the row lock; whatever goes wrong here, the
	 * cancellation stands and the release stays pending for the reconciler.
	 */
	private void release(UUID id) {
		try {
			this.transactions.executeWithoutResult((tx) -> this.orders.lock(id)
				.filter(Locked::releasePending)
				.ifPresent((order) -> this.saga.release(order, true)));
		}
		catch (RuntimeException ex) {
			logger.warn("Release of cancelled order {} left to the reconciler: {}", id, ex.toString());
		}
	}

	private static String metricOutcome(CheckoutOutcome outcome) {
		if (outcome instanceof Replayed) {
			return "replayed";
		}
		if (outcome instanceof Placed placed) {
			return (placed.order().status() == OrderStatus.PENDING) ? "pending" : "completed";
		}
		return "unknown_product";
	}

	/**
	 * The order a checkout request stands for: whether this request created it, the order
	 * as the first transaction saw it (the outcome if the second fails), and its outcome
	 * if already decided.
	 */
	private record Recorded(UUID id, boolean created, @Nullable Order order, @Nullable CheckoutOutcome outcome) {

	}

	/** A committed cancellation, and whether its stock is still to be given back. */
	private record Cancelled(Order order, boolean releasePending) {

	}

	private static OrderRefusal notFound(UUID id) {
		return new OrderRefusal(OrderRefusal.Reason.UNKNOWN_ORDER, id);
	}

}
