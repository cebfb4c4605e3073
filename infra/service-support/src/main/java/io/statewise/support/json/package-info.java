/** How every service reads JSON. */
@NullMarked
package io.statewise.support.json;

import org.jspecify.annotations.NullMarked;
