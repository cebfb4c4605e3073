package io.statewise.order.inventory;

import java.util.List;
import java.util.UUID;

/**
 * inventory-service's answer to reserve and release (its {@code Reservation}): the lines
 * with the unit price at reservation time, and for a rejection the short lines.
 */
record InventoryReservation(UUID orderId, String status, List<PricedLine> lines, List<ShortLine> shortLines) {

	/** The body of a reserve: all lines or none. */
	record Request(List<Line> lines) {

	}

}
