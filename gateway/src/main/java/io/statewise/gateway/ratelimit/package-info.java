/** Rate limits per route and user (or client address) in Redis. */
@NullMarked
package io.statewise.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
