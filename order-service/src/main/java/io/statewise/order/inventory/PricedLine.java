package io.statewise.order.inventory;

/** A line with the unit price inventory reserved it at: the order's price snapshot. */
public record PricedLine(String productId, int quantity, Money unitPrice) {

}
