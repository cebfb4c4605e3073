package io.statewise.order.orders;

import java.util.List;

/** One page of a user's orders, newest first. */
record OrderPage(List<Order> items, int page, int size, long totalItems) {

}
