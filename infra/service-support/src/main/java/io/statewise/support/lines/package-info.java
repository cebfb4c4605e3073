/**
 * Order lines as two services compare them: order-service's checkout and
 * inventory-service's reservation both recognise a repeated request by the same
 * fingerprint of its lines.
 */
@NullMarked
package io.statewise.support.lines;

import org.jspecify.annotations.NullMarked;
