/**
 * Orders and their life cycle: idempotent checkout, the reservation saga with
 * inventory-service, the reconciler that finishes what checkout could not, cancel, list
 * and get. CP: refused with 503 rather than half-written when PostgreSQL is unavailable.
 */
@NullMarked
package io.statewise.order.orders;

import org.jspecify.annotations.NullMarked;
