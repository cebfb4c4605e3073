/** order-service: idempotent checkout, the reservation saga and the reconciler. */
@NullMarked
package io.statewise.order;

import org.jspecify.annotations.NullMarked;
