/**
 * Redis client behaviour shared by every service: leaving a hung primary.
 */
@NullMarked
package io.statewise.support.redis;

import org.jspecify.annotations.NullMarked;
