/**
 * Edge security: identity from session-service, inbound header hygiene, same-origin
 * writes, limits, security headers.
 */
@NullMarked
package io.statewise.gateway.edge;

import org.jspecify.annotations.NullMarked;
