/**
 * The client of inventory-service's reservation API: a declarative HTTP interface,
 * load-balanced over healthy instances and guarded by Resilience4j.
 */
@NullMarked
package io.statewise.order.inventory;

import org.jspecify.annotations.NullMarked;
