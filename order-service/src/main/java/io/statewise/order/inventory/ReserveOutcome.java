package io.statewise.order.inventory;

import java.util.List;

/** What asking inventory-service to reserve an order's lines can end in. */
public sealed interface ReserveOutcome {

	/** Every line is held for the order, at these prices. */
	record Reserved(List<PricedLine> lines) implements ReserveOutcome {

	}

	/** Not enough stock for some lines; nothing was taken. */
	record Rejected(List<PricedLine> lines, List<ShortLine> shortLines) implements ReserveOutcome {

	}

	/** inventory does not sell some of these products; nothing was taken. */
	record UnknownProducts(List<String> productIds) implements ReserveOutcome {

	}

	/**
	 * No answer: unreachable, too slow, failing, or its circuit is open. Whether stock
	 * was taken is unknown; reserving again with the same order id finds out.
	 */
	record Unavailable(String cause) implements ReserveOutcome {

	}

}
