package io.statewise.load.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.statewise.load.CartWorkload;
import org.jspecify.annotations.Nullable;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * The journey an experiment needs (the cart journey of
 * {@link io.statewise.load.CartSimulation}, or checkout, or browsing beside checkout) at
 * the lab's rate (or, for E5, at rising rates one stage after the other: {@link Level}),
 * run by Gatling in the lab's JVM. Its knobs come from the run under way
 * ({@link #prepare}), not from system properties: those are read once per JVM, and the
 * lab runs Gatling many times. No assertions: under a fault the lab judges the run
 * itself, from what it recorded. The accounts its users log in with are prepared before
 * it starts ({@link io.statewise.load.CartWorkload#prepareAccounts}).
 */
public class LabSimulation extends Simulation {

	private static volatile @Nullable Settings next;

	{
		Settings settings = settings();
		setUp(settings.journey()
			.populations(settings)
			.stream()
			.map((population) -> population.scenario().injectOpen(injection(settings, population.share())))
			.toList()).protocols(CartWorkload.protocol(settings.gateway()));
	}

	/**
	 * A ramp from a tenth of the first level's rate to it, then each level in turn, at
	 * this population's share of the rate.
	 */
	private static List<OpenInjectionStep> injection(Settings settings, double share) {
		List<OpenInjectionStep> steps = new ArrayList<>();
		double first = share * settings.levels().get(0).rate();
		steps.add(rampUsersPerSec(first / 10).to(first).during(settings.ramp()));
		for (Level level : settings.levels()) {
			steps.add(constantUsersPerSec(share * level.rate()).during(level.duration()));
		}
		return steps;
	}

	/** The settings of the next run; call before starting Gatling. */
	static void prepare(Settings settings) {
		next = settings;
	}

	private static Settings settings() {
		Settings settings = next;
		if (settings == null) {
			throw new IllegalStateException("LabSimulation runs from the lab (Lab), which sets its knobs");
		}
		return settings;
	}

	/**
	 * One run's knobs.
	 *
	 * @param levels the rates the load holds after the ramp, one after the other: one for
	 * a run at the lab's rate, E5's stages for a stair-step
	 */
	record Settings(String gateway, Duration ramp, List<Level> levels, int cartChanges, Duration thinkTime,
			Journey journey) {

		Settings {
			levels = List.copyOf(levels);
			if (levels.isEmpty()) {
				throw new IllegalArgumentException("A run needs at least one level of load");
			}
		}

	}

	/** Users arriving per second for a while. */
	record Level(double rate, Duration duration) {

	}

	/** What the load's users do: the workload an experiment needs. */
	enum Journey {

		/** Log in, change and read the cart: every request a session read or write. */
		CART("the cart journey") {
			@Override
			List<Population> populations(Settings settings) {
				return List.of(new Population(
						CartWorkload.journey("lab cart", settings.cartChanges(), settings.thinkTime()), 1));
			}
		},

		/** Log in, fill the cart, check out, follow the order until it settles. */
		CHECKOUT("the checkout journey") {
			@Override
			List<Population> populations(Settings settings) {
				return List.of(new Population(checkout(settings), 1));
			}
		},

		/**
		 * Anonymous browsing and the checkout journey, each at half the rate: what a
		 * catalog outage leaves of each.
		 */
		BROWSE_AND_CHECKOUT("browsing and the checkout journey, half the rate each") {
			@Override
			List<Population> populations(Settings settings) {
				return List.of(new Population(CartWorkload.browseJourney("lab browse"), 0.5),
						new Population(checkout(settings), 0.5));
			}
		},

		/**
		 * The store's day as MixedSimulation and the capacity benchmark weigh it
		 * (docs/benchmarks.md): 80 % of the users browse, 15 % log in and fill a cart, 5
		 * % log in, fill a cart and check out, so that every tier and store works in the
		 * proportions the capacity model extrapolates.
		 */
		MIX("the store's mix: 80 % browsing, 15 % the cart journey, 5 % the checkout journey") {
			@Override
			List<Population> populations(Settings settings) {
				return List.of(new Population(CartWorkload.browseJourney("lab browse"), 0.80),
						new Population(CartWorkload.journey("lab cart", settings.cartChanges(), settings.thinkTime()),
								0.15),
						new Population(checkout(settings), 0.05));
			}
		};

		final String description;

		Journey(String description) {
			this.description = description;
		}

		abstract List<Population> populations(Settings settings);

		private static ScenarioBuilder checkout(Settings settings) {
			return CartWorkload.checkoutJourney("lab checkout", settings.cartChanges(), settings.thinkTime());
		}

	}

	/** A scenario and its share of the users arriving each second. */
	record Population(ScenarioBuilder scenario, double share) {

	}

}
