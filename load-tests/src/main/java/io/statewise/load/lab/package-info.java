/**
 * The trade-off lab (docs/lab.md): experiments that drive the store at a fixed arrival
 * rate, inject a fault at a set second through the local stack's control API, sample
 * every component each second, check the invariants, and write a report with the seed's
 * comparison table in measured numbers. {@link io.statewise.load.lab.Lab} is the command.
 */
@NullMarked
package io.statewise.load.lab;

import org.jspecify.annotations.NullMarked;
