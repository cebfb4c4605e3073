/** Who a session cookie belongs to, for the gateway; internal, never routed. */
@NullMarked
package io.statewise.session.introspection;

import org.jspecify.annotations.NullMarked;
