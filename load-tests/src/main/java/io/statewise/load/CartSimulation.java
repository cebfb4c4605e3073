package io.statewise.load;

import java.util.List;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Logged-in users reading and changing their carts: the session-state workload, the one
 * the two session modes ({@code redis}, {@code memory}) are compared on. Users log in
 * with accounts signed up before the run ({@link Accounts}), so that the run measures
 * sessions, not password hashing.
 */
public class CartSimulation extends CheckedSimulation {

	static final ScenarioBuilder SCENARIO = scenario("cart").feed(Accounts.feeder())
		.exec(Journeys.journey(Journeys.LOG_IN, Journeys.CARTING));

	static final List<Assertion> ASSERTIONS = Workload.assertions(Journeys.ACCOUNT, Journeys.CART);

	{
		setUp(Workload.inject(SCENARIO, 1)).protocols(Store.PROTOCOL).assertions(ASSERTIONS);
	}

	@Override
	public void before() {
		super.before();
		Accounts.prepare(Knobs.ACCOUNTS);
	}

}
