/**
 * Gatling simulations of the store's workloads
 * ({@link io.statewise.load.BrowseSimulation}, {@link io.statewise.load.CartSimulation},
 * {@link io.statewise.load.ShopperSimulation},
 * {@link io.statewise.load.MixedSimulation}), every knob a system property
 * ({@link io.statewise.load.Knobs}), and the invariants checked after every run
 * ({@link io.statewise.load.LoadInvariants}). See docs/load-tests.md.
 */
@NullMarked
package io.statewise.load;

import org.jspecify.annotations.NullMarked;
