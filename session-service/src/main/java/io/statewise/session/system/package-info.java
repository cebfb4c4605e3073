/** Security, session store (redis or memory), errors as problem+json, health. */
@NullMarked
package io.statewise.session.system;

import org.jspecify.annotations.NullMarked;
