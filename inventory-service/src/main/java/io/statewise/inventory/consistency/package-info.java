/** The stock invariants, checked on demand by load and failure tests. */
@NullMarked
package io.statewise.inventory.consistency;

import org.jspecify.annotations.NullMarked;
