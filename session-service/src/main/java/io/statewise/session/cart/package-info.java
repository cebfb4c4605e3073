/** The shopping cart, kept in the session: in Redis, or in this JVM in memory mode. */
@NullMarked
package io.statewise.session.cart;

import org.jspecify.annotations.NullMarked;
