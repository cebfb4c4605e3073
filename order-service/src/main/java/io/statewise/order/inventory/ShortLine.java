package io.statewise.order.inventory;

/** A line inventory could not reserve, and what was available instead. */
public record ShortLine(String productId, int requested, int available) {

}
