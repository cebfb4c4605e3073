package io.statewise.order.inventory;

/** A product and how many units of it. */
public record Line(String productId, int quantity) {

}
