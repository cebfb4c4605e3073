package io.statewise.inventory.stock;

/** One product's stock; {@code received = available + reserved + committed} always. */
public record StockLevel(String productId, int received, int available, int reserved, int committed) {

}
