/** Cross-cutting configuration: errors as problem+json, health, web settings. */
@NullMarked
package io.statewise.inventory.system;

import org.jspecify.annotations.NullMarked;
