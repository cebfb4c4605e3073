/**
 * Checks of infra/compose without Docker: the compose file's wiring, and that the
 * dashboards (helm/statewise/dashboards) name only metrics the services expose.
 */
@NullMarked
package io.statewise.compose;

import org.jspecify.annotations.NullMarked;
