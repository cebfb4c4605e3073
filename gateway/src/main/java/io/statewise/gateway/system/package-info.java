/** Cross-cutting: settings and the one place errors become problem+json. */
@NullMarked
package io.statewise.gateway.system;

import org.jspecify.annotations.NullMarked;
