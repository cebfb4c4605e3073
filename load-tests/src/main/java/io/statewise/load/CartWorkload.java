package io.statewise.load;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import org.awaitility.Awaitility;

import static io.gatling.javaapi.core.CoreDsl.scenario;

/**
 * {@link CartSimulation}'s journey (and the checkout and browsing ones) for a run that
 * sets its knobs itself instead of through system properties: the lab
 * (io.statewise.load.lab) runs Gatling several times in one JVM at rates and against
 * stacks of its choosing, while {@link Knobs} is read once per JVM.
 */
public final class CartWorkload {

	private CartWorkload() {
	}

	/** Log in with a prepared account, then change and read the cart. */
	public static ScenarioBuilder journey(String name, int cartChanges, Duration thinkTime) {
		return scenario(name).feed(Accounts.feeder())
			.exec(Journeys.journey(Journeys.LOG_IN, Journeys.carting(cartChanges, thinkTime)));
	}

	/**
	 * Log in with a prepared account, fill the cart, check out and follow the order until
	 * it settles ({@link ShopperSimulation}'s journey without its sign-up, which would
	 * measure password hashing).
	 */
	public static ScenarioBuilder checkoutJourney(String name, int cartChanges, Duration thinkTime) {
		return scenario(name).feed(Accounts.feeder())
			.exec(Journeys.journey(Journeys.LOG_IN, Journeys.carting(cartChanges, thinkTime), Journeys.CHECKING_OUT));
	}

	/** An anonymous visitor browsing the catalog ({@link BrowseSimulation}'s journey). */
	public static ScenarioBuilder browseJourney(String name) {
		return scenario(name).exec(Journeys.journey(Journeys.BROWSING));
	}

	public static HttpProtocolBuilder protocol(String baseUrl) {
		return Store.protocol(baseUrl);
	}

	/**
	 * Signs up the accounts the scenario's users log in with, starting over while the
	 * store refuses (a cold JVM's first sign-ups can outlast the gateway's time limit),
	 * for up to {@code patience}: preparing is not what is measured.
	 */
	public static void prepareAccounts(String baseUrl, int count, Duration patience) {
		Awaitility.await().atMost(patience).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
			Accounts.prepare(baseUrl, count);
			return true;
		});
	}

}
