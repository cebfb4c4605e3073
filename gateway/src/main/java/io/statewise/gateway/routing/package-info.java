/**
 * Where requests go: instances from configuration, readiness checks, retries on another
 * instance.
 */
@NullMarked
package io.statewise.gateway.routing;

import org.jspecify.annotations.NullMarked;
