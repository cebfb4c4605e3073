/** inventory-service: products, prices, stock and reservations that never oversell. */
@NullMarked
package io.statewise.inventory;

import org.jspecify.annotations.NullMarked;
