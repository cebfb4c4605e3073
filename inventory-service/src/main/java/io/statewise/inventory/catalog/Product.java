package io.statewise.inventory.catalog;

/**
 * A product as the catalog shows it; {@code image} is a URL path the browser can load.
 */
public record Product(String id, String name, String description, String category, Money price, String image) {

}
