/** Cross-cutting configuration: errors as problem+json, the caller's identity. */
@NullMarked
package io.statewise.order.system;

import org.jspecify.annotations.NullMarked;
