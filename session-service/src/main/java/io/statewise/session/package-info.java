/** session-service: accounts, login and the shopping cart kept in the session. */
@NullMarked
package io.statewise.session;

import org.jspecify.annotations.NullMarked;
