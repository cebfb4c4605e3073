package io.statewise.order.inventory;

import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * inventory-service's internal reservation API (docs/inventory-service.md). Every call is
 * idempotent by order id, which is what makes retrying it safe.
 */
@HttpExchange(url = "/internal/reservations/{orderId}", accept = "application/json")
interface InventoryClient {

	@PutExchange(contentType = "application/json")
	InventoryReservation reserve(@PathVariable UUID orderId, @RequestBody InventoryReservation.Request request);

	@PostExchange("/release")
	InventoryReservation release(@PathVariable UUID orderId);

}
