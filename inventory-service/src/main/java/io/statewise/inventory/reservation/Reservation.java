package io.statewise.inventory.reservation;

import java.util.List;
import java.util.UUID;

import io.statewise.inventory.catalog.Money;

/**
 * A reservation as the API shows it. {@code status} is a closed set: a reserve ends
 * {@code RESERVED} or {@code REJECTED} (with the short lines); a reserved one ends
 * {@code RELEASED} or {@code COMMITTED}.
 */
public record Reservation(UUID orderId, Status status, List<ReservedLine> lines, List<ShortLine> shortLines) {

	public enum Status {

		RESERVED, REJECTED, RELEASED, COMMITTED

	}

	/**
	 * A requested line with the unit price at the time of the reservation (the order's
	 * price snapshot).
	 */
	public record ReservedLine(String productId, int quantity, Money unitPrice) {

	}

	/** A line that could not be reserved, and what was available instead. */
	public record ShortLine(String productId, int requested, int available) {

	}

}
