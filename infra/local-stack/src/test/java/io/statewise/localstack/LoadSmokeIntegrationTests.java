package io.statewise.localstack;

import java.util.Map;

import io.gatling.app.Gatling$;
import io.statewise.load.BrowseSimulation;
import io.statewise.load.CartSimulation;
import io.statewise.load.MixedSimulation;
import io.statewise.load.ShopperSimulation;
import io.statewise.localstack.LocalStackExtension.Stack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each Gatling simulation of load-tests, run for a few seconds at a low rate against the
 * shared test stack, in this JVM: their journeys, content checks and assertions still
 * match the store's API, and each run ends with the invariants (stock consistent, every
 * order settled, one order per Idempotency-Key) that every load run checks. Gatling's
 * exit status fails the test when an assertion or an invariant does not hold; the reports
 * are in {@code target/gatling}.
 * <p>
 * Latency is not what this test is for (a shared 2-core machine gives no stable figures),
 * so the p95/p99 limits are the gateway's own 30 s backstop; errors (a {@code 504} from a
 * route's time limit included), content and {@code 429}s are held to zero: at these rates
 * the test stack's default rate limits must refuse nothing, and a checkout slower than
 * its route's limit on an otherwise idle stack is a defect, not noise.
 */
@Order(2)
@ExtendWith(LocalStackExtension.class)
class LoadSmokeIntegrationTests {

	@BeforeAll
	static void pointTheSimulationsAtTheStack(Stack stack) {
		Map.ofEntries(Map.entry("load.baseUrl", "http://127.0.0.1:" + (8080 + stack.portOffset())),
				Map.entry("load.controlUrl", "http://127.0.0.1:" + stack.controlPort()), Map.entry("load.rate", "1"),
				Map.entry("load.ramp", "1"), Map.entry("load.duration", "4"), Map.entry("load.thinkTime", "200"),
				Map.entry("load.mix.browse", "1"), Map.entry("load.mix.cart", "1"), Map.entry("load.mix.checkout", "1"),
				Map.entry("load.accounts", "3"), Map.entry("load.cartChanges", "2"),
				Map.entry("load.replayPercent", "50"), Map.entry("load.cancelPercent", "50"),
				Map.entry("load.maxErrorPercent", "0"), Map.entry("load.maxRateLimitedPercent", "0"),
				Map.entry("load.p95", "30000"), Map.entry("load.p99", "30000"))
			.forEach(System::setProperty);
	}

	@ParameterizedTest
	@ValueSource(
			classes = { BrowseSimulation.class, CartSimulation.class, ShopperSimulation.class, MixedSimulation.class })
	void simulationShouldPassItsAssertionsAndLeaveTheInvariantsWhole(Class<?> simulation) {
		int status = Gatling$.MODULE$.fromArgs(new String[] { "--simulation", simulation.getName(), "--results-folder",
				"target/gatling", "--run-description", "smoke run of ./mvnw verify" });

		assertThat(status).as("Gatling's exit status (2: an assertion failed)").isZero();
	}

}
