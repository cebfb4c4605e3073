/** Circuit breakers, their fallbacks, and retries of idempotent requests. */
@NullMarked
package io.statewise.gateway.resilience;

import org.jspecify.annotations.NullMarked;
