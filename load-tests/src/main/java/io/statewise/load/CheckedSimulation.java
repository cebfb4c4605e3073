package io.statewise.load;

import io.gatling.javaapi.core.Simulation;

/**
 * A simulation whose run ends in a verdict beyond Gatling's assertions: the {@code 429}s
 * counted apart ({@link CountedApart}), then the invariants ({@link LoadInvariants}). A
 * run that breaks either fails, whatever its latency.
 */
abstract class CheckedSimulation extends Simulation {

	@Override
	public void before() {
		CountedApart.reset();
	}

	@Override
	public void after() {
		CountedApart.verdict();
		if (Knobs.INVARIANTS) {
			LoadInvariants.atControlApi(Knobs.CONTROL_URL).check(Knobs.SETTLE_TIMEOUT);
		}
	}

}
