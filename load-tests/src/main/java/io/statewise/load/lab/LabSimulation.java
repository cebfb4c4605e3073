package io.statewise.load.lab;

import java.time.Duration;

import io.gatling.javaapi.core.Simulation;
import io.statewise.load.CartWorkload;
import org.jspecify.annotations.Nullable;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;

/**
 * The cart journey ({@link io.statewise.load.CartSimulation}'s) at the lab's rate, run by
 * Gatling in the lab's JVM. Its knobs come from the run under way ({@link #prepare}), not
 * from system properties: those are read once per JVM, and the lab runs Gatling many
 * times. No assertions: under a fault the lab judges the run itself, from what it
 * recorded. The accounts its users log in with are prepared before it starts
 * ({@link io.statewise.load.CartWorkload#prepareAccounts}).
 */
public class LabSimulation extends Simulation {

	private static volatile @Nullable Settings next;

	{
		Settings settings = settings();
		double rate = settings.rate();
		setUp(CartWorkload.journey("lab cart", settings.cartChanges(), settings.thinkTime())
			.injectOpen(rampUsersPerSec(rate / 10).to(rate).during(settings.ramp()),
					constantUsersPerSec(rate).during(settings.duration())))
			.protocols(CartWorkload.protocol(settings.gateway()));
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
	record Settings(String gateway, double rate, Duration ramp, Duration duration, int cartChanges,
			Duration thinkTime) {

	}

}
