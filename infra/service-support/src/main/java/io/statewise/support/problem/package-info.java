/**
 * RFC 9457 problem+json errors, the same in every servlet service.
 */
@NullMarked
package io.statewise.support.problem;

import org.jspecify.annotations.NullMarked;
