/** Login and logout as a JSON API, with brute-force throttling kept in Redis. */
@NullMarked
package io.statewise.session.login;

import org.jspecify.annotations.NullMarked;
