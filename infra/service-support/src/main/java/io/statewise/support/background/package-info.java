/** Work repeated in the background, off request threads. */
@NullMarked
package io.statewise.support.background;

import org.jspecify.annotations.NullMarked;
