package io.statewise.load.lab;

import java.time.Duration;
import java.util.List;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.statewise.load.CartWorkload;
import org.jspecify.annotations.Nullable;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * The journey an experiment needs (the cart journey of
 * {@link io.statewise.load.CartSimulation}, or checkout, or browsing beside checkout) at
 * the lab's rate, run by Gatling in the lab's JVM. Its knobs come from the run under way
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
			.map((population) -> population.scenario()
				.injectOpen(rampUsersPerSec(population.rate() / 10).to(population.rate()).during(settings.ramp()),
						constantUsersPerSec(population.rate()).during(settings.duration())))
			.toList()).protocols(CartWorkload.protocol(settings.gateway()));
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

	/** One run's knobs. */
	record Settings(String gateway, double rate, Duration ramp, Duration duration, int cartChanges, Duration thinkTime,
			Journey journey) {

	}

	/** What the load's users do: the workload an experiment needs. */
	enum Journey {

		/** Log in, change and read the cart: every request a session read or write. */
		CART("the cart journey") {
			@Override
			List<Population> populations(Settings settings) {
				return List
					.of(new Population(CartWorkload.journey("lab cart", settings.cartChanges(), settings.thinkTime()),
							settings.rate()));
			}
		},

		/** Log in, fill the cart, check out, follow the order until it settles. */
		CHECKOUT("the checkout journey") {
			@Override
			List<Population> populations(Settings settings) {
				return List.of(new Population(
						CartWorkload.checkoutJourney("lab checkout", settings.cartChanges(), settings.thinkTime()),
						settings.rate()));
			}
		},

		/**
		 * Anonymous browsing and the checkout journey, each at half the rate: what a
		 * catalog outage leaves of each.
		 */
		BROWSE_AND_CHECKOUT("browsing and the checkout journey, half the rate each") {
			@Override
			List<Population> populations(Settings settings) {
				return List
					.of(new Population(CartWorkload.browseJourney("lab browse"), settings.rate() / 2), new Population(
							CartWorkload.checkoutJourney("lab checkout", settings.cartChanges(), settings.thinkTime()),
							settings.rate() / 2));
			}
		};

		final String description;

		Journey(String description) {
			this.description = description;
		}

		abstract List<Population> populations(Settings settings);

	}

	/** A scenario and the users per second that start it. */
	record Population(ScenarioBuilder scenario, double rate) {

	}

}
