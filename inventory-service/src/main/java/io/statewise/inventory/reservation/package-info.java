/**
 * Reservations, idempotent by order id: reserve (all or nothing), release, commit. CP:
 * refused with 503 rather than guessed when PostgreSQL is unavailable.
 */
@NullMarked
package io.statewise.inventory.reservation;

import org.jspecify.annotations.NullMarked;
