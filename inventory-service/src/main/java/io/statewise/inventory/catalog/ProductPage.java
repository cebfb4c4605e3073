package io.statewise.inventory.catalog;

import java.util.List;

/** One page of a catalog query. */
public record ProductPage(List<Product> items, int page, int size, long totalItems, int totalPages) {

}
