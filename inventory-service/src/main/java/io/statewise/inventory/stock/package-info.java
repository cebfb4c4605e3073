/** Stock levels and the admin restock. */
@NullMarked
package io.statewise.inventory.stock;

import org.jspecify.annotations.NullMarked;
