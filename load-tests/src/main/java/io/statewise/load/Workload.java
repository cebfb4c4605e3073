package io.statewise.load;

import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.forAll;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * How users arrive and what a run must meet, the same for every simulation: an open
 * workload by default (users arrive at {@link Knobs#RATE} per second after a ramp,
 * whether or not the store keeps up), a closed one ({@link Knobs#USERS} at a time) on
 * request, and assertions on the error rate and on every request's p95 and p99.
 */
final class Workload {

	private Workload() {
	}

	/** A scenario's users, at {@code share} (0–1) of the arrival rate or user count. */
	static PopulationBuilder inject(ScenarioBuilder scenario, double share) {
		if (Knobs.closedModel()) {
			int users = Math.max(1, (int) Math.round(Knobs.USERS * share));
			return Knobs.RAMP.isZero() ? scenario.injectClosed(constantConcurrentUsers(users).during(Knobs.DURATION))
					: scenario.injectClosed(rampConcurrentUsers(0).to(users).during(Knobs.RAMP),
							constantConcurrentUsers(users).during(Knobs.DURATION));
		}
		double rate = Knobs.RATE * share;
		// Gatling refuses a ramp of no duration: -Dload.ramp=0 starts at the full rate
		return Knobs.RAMP.isZero() ? scenario.injectOpen(constantUsersPerSec(rate).during(Knobs.DURATION))
				: scenario.injectOpen(rampUsersPerSec(rate / 10).to(rate).during(Knobs.RAMP),
						constantUsersPerSec(rate).during(Knobs.DURATION));
	}

	/**
	 * The run's verdict: failed requests under {@link Knobs#MAX_ERROR_PERCENT} overall
	 * and in each group the simulation uses, every request's p95 and p99 under their
	 * limits. {@code 429}s are not failures ({@link CountedApart}).
	 */
	static List<Assertion> assertions(String... groups) {
		List<Assertion> assertions = new ArrayList<>();
		assertions.add(global().failedRequests().percent().lte(Knobs.MAX_ERROR_PERCENT));
		for (String group : groups) {
			assertions.add(details(group).failedRequests().percent().lte(Knobs.MAX_ERROR_PERCENT));
		}
		assertions.add(forAll().responseTime().percentile(95).lte(Knobs.P95_MILLIS));
		assertions.add(forAll().responseTime().percentile(99).lte(Knobs.P99_MILLIS));
		return List.copyOf(assertions);
	}

}
