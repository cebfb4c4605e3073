package io.statewise.load;

import java.util.List;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The whole journey of a new customer: browse, sign up and log in, add and change cart
 * lines, check out with an Idempotency-Key (replayed in a share of journeys: the same
 * order must come back), follow a pending order until it settles, read the history,
 * sometimes cancel. It writes to every datastore of the store.
 */
public class ShopperSimulation extends CheckedSimulation {

	static final ScenarioBuilder SCENARIO = scenario("shopper").exec(Journeys.journey(Journeys.SHOPPING));

	static final List<Assertion> ASSERTIONS = Workload.assertions(Journeys.ACCOUNT, Journeys.CART, Journeys.CHECKOUT);

	{
		setUp(Workload.inject(SCENARIO, 1)).protocols(Store.PROTOCOL).assertions(ASSERTIONS);
	}

}
