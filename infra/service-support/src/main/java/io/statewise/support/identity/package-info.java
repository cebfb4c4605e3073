/**
 * Who is calling: the identity the gateway signs after asking session-service, and its
 * check in every service (docs/adr/0013).
 */
@NullMarked
package io.statewise.support.identity;

import org.jspecify.annotations.NullMarked;
