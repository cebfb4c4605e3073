package io.statewise.inventory.catalog;

/** A category of products, in display order. */
public record Category(String id, String name) {

}
