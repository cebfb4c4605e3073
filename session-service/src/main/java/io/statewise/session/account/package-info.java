/**
 * Accounts in PostgreSQL: sign-up, the demo admin, and the user details Spring Security
 * authenticates against.
 */
@NullMarked
package io.statewise.session.account;

import org.jspecify.annotations.NullMarked;
