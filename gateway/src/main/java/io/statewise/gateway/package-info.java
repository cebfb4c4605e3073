/** gateway: the only door into Statewise. */
@NullMarked
package io.statewise.gateway;

import org.jspecify.annotations.NullMarked;
