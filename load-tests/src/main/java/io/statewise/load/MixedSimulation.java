package io.statewise.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * The store's day: browsing, cart and checkout journeys at once, by weight
 * ({@code load.mix.browse}, {@code .cart}, {@code .checkout}; 80/15/5 by default) of the
 * one arrival rate. The capacity benchmark measures this mix (docs/benchmarks.md).
 */
public class MixedSimulation extends CheckedSimulation {

	static final ScenarioBuilder BROWSE = scenario("mixed browse").exec(Journeys.journey(Journeys.BROWSING));

	static final ScenarioBuilder CART = scenario("mixed cart").feed(Accounts.feeder())
		.exec(Journeys.journey(Journeys.LOG_IN, Journeys.CARTING));

	static final ScenarioBuilder CHECKOUT = scenario("mixed checkout").exec(Journeys.journey(Journeys.SHOPPING));

	static final List<Assertion> ASSERTIONS = Workload.assertions(groups());

	{
		setUp(populations()).protocols(Store.PROTOCOL).assertions(ASSERTIONS);
	}

	/** One population per journey with a weight above zero, at its share of the rate. */
	private static List<PopulationBuilder> populations() {
		double total = Knobs.MIX_BROWSE + Knobs.MIX_CART + Knobs.MIX_CHECKOUT;
		if (total <= 0) {
			throw new IllegalArgumentException("load.mix.browse, .cart and .checkout must not all be 0");
		}
		List<PopulationBuilder> populations = new ArrayList<>();
		add(populations, BROWSE, Knobs.MIX_BROWSE / total);
		add(populations, CART, Knobs.MIX_CART / total);
		add(populations, CHECKOUT, Knobs.MIX_CHECKOUT / total);
		return populations;
	}

	/**
	 * The groups the weighted journeys send requests in: Gatling fails an assertion on a
	 * group that saw none (a mix of browsing alone has no cart).
	 */
	private static String[] groups() {
		Set<String> groups = new LinkedHashSet<>();
		if (Knobs.MIX_BROWSE > 0 || Knobs.MIX_CHECKOUT > 0) {
			groups.add(Journeys.BROWSE);
		}
		if (Knobs.MIX_CART > 0 || Knobs.MIX_CHECKOUT > 0) {
			groups.addAll(List.of(Journeys.ACCOUNT, Journeys.CART));
		}
		if (Knobs.MIX_CHECKOUT > 0) {
			groups.add(Journeys.CHECKOUT);
		}
		return groups.toArray(String[]::new);
	}

	private static void add(List<PopulationBuilder> populations, ScenarioBuilder scenario, double share) {
		if (share > 0) {
			populations.add(Workload.inject(scenario, share));
		}
	}

	@Override
	public void before() {
		super.before();
		if (Knobs.MIX_CART > 0) {
			Accounts.prepare(Knobs.ACCOUNTS);
		}
	}

}
