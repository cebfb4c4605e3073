package io.statewise.load;

import java.net.URI;
import java.time.Duration;

/**
 * Every knob of a load run, each a system property with a default that suits a short run
 * against the local stack ({@code -Dload.rate=50 -Dload.duration=120},
 * docs/load-tests.md). Read once, when a simulation class is loaded: Gatling builds a
 * simulation's scenario, protocol and assertions as {@code static final} fields from
 * them.
 */
public final class Knobs {

	/**
	 * Where the store's gateway answers; the same simulations run against any deployment.
	 */
	public static final String BASE_URL = string("load.baseUrl", "http://localhost:8080").replaceAll("/+$", "");

	/**
	 * The gateway's origin, which state-changing requests must name (its CSRF defence):
	 * the base URL's scheme and authority, without a path an ingress may add.
	 */
	public static final String ORIGIN = origin(BASE_URL);

	/**
	 * Users arriving per second (open model): each runs one journey, whether or not the
	 * system keeps up, so a slow system cannot hide behind slower clients.
	 */
	public static final double RATE = number("load.rate", 5);

	/** Seconds over which the arrival rate (or the user count) climbs to its level. */
	public static final Duration RAMP = Duration.ofSeconds((long) number("load.ramp", 10));

	/** Seconds at the full rate after the ramp. */
	public static final Duration DURATION = Duration.ofSeconds((long) number("load.duration", 60));

	/**
	 * {@code open} (arrival rate, the default) or {@code closed} (a fixed number of
	 * users, each starting a new journey when its last one ends: for comparison only,
	 * since it slows down with the system it measures).
	 */
	public static final String MODEL = string("load.model", "open");

	/** Concurrent users of the closed model. */
	public static final int USERS = (int) number("load.users", 20);

	/** A user's pause between two steps of a journey, in milliseconds. */
	public static final Duration THINK_TIME = Duration.ofMillis((long) number("load.thinkTime", 500));

	/** MixedSimulation's weights: browsing, cart and checkout journeys. */
	public static final double MIX_BROWSE = number("load.mix.browse", 80);

	public static final double MIX_CART = number("load.mix.cart", 15);

	public static final double MIX_CHECKOUT = number("load.mix.checkout", 5);

	/** Share of checkouts sent again with the same Idempotency-Key, in percent. */
	public static final double REPLAY_PERCENT = number("load.replayPercent", 10);

	/** Share of orders cancelled after they settled, in percent. */
	public static final double CANCEL_PERCENT = number("load.cancelPercent", 10);

	/** Cart changes (an add and a change, each followed by a read) per cart journey. */
	public static final int CART_CHANGES = (int) number("load.cartChanges", 5);

	/** Accounts signed up before a cart run, which its users log in with. */
	public static final int ACCOUNTS = (int) number("load.accounts", 50);

	/** Highest share of failed requests, in percent, before the run fails. */
	public static final double MAX_ERROR_PERCENT = number("load.maxErrorPercent", 1);

	/** Highest share of {@code 429} answers, in percent, before the run fails. */
	public static final double MAX_RATE_LIMITED_PERCENT = number("load.maxRateLimitedPercent", 1);

	/**
	 * Count the gateway's {@code 504}s (its time limit) apart from errors instead of as
	 * errors: for a run that must not judge latency, as the smoke run in
	 * {@code ./mvnw verify} on a shared machine. Off by default: in a load run a timeout
	 * is an error.
	 */
	public static final boolean TIMEOUTS_APART = Boolean.parseBoolean(string("load.timeoutsApart", "false"));

	/** Highest 95th and 99th percentile of every request's response time, in ms. */
	public static final int P95_MILLIS = (int) number("load.p95", 500);

	public static final int P99_MILLIS = (int) number("load.p99", 1000);

	/** How long a pending order is followed (polled once a second) before giving up. */
	public static final int MAX_POLLS = (int) number("load.maxPolls", 30);

	/**
	 * The local stack's control API, where the invariants find inventory's instances and
	 * PostgreSQL; {@code -Dload.invariants=false} skips them for a deployment without
	 * one.
	 */
	public static final String CONTROL_URL = string("load.controlUrl", "http://127.0.0.1:9000");

	public static final boolean INVARIANTS = Boolean.parseBoolean(string("load.invariants", "true"));

	/** How long the invariants wait for every accepted order to settle. */
	public static final Duration SETTLE_TIMEOUT = Duration.ofSeconds((long) number("load.settleTimeout", 90));

	private Knobs() {
	}

	static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	static boolean closedModel() {
		return MODEL.equalsIgnoreCase("closed");
	}

	private static String string(String name, String fallback) {
		String value = System.getProperty(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	private static double number(String name, double fallback) {
		String value = string(name, "");
		try {
			return value.isEmpty() ? fallback : Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("-D" + name + " must be a number, not '" + value + "'", ex);
		}
	}

}
