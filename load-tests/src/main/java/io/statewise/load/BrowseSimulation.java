package io.statewise.load;

import java.util.List;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * Anonymous shoppers looking at the catalog: the categories, a category's page, a
 * product, a search and a further page. The catalog is the store's AP path (served from a
 * Redis cache when PostgreSQL is down), so this is what the store answers most.
 */
public class BrowseSimulation extends CheckedSimulation {

	static final ScenarioBuilder SCENARIO = scenario("browse").exec(Journeys.journey(Journeys.BROWSING));

	static final List<Assertion> ASSERTIONS = Workload.assertions(Journeys.BROWSE);

	{
		setUp(Workload.inject(SCENARIO, 1)).protocols(Store.PROTOCOL).assertions(ASSERTIONS);
	}

}
