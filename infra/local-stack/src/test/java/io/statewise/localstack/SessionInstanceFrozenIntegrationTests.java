package io.statewise.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A session-service instance frozen with a request inside it: the request times out for
 * its caller, the shopper goes on through the other instance, and when the frozen one
 * thaws its late write must not erase what was acknowledged since (docs/adr/0012). The
 * late request carries the deadline the gateway would give it (the route's 2 s time
 * limit; the gateway's own tests check that it sends one): it is sent straight to the
 * frozen instance, so that it surely lands there.
 */
@Order(5)
@ExtendWith(LocalStackExtension.class)
class SessionInstanceFrozenIntegrationTests {

	private static final Duration GATEWAY_TIME_LIMIT = Duration.ofSeconds(2);

	private Stack stack;

	@AfterEach
	void thawed() {
		this.stack.restore("session-service-1");
	}

	@Test
	void aLateCartWriteFromAThawedInstanceShouldNotEraseAcknowledgedWrites(Stack stack) throws Exception {
		this.stack = stack;
		Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);
		shopper.addLine("TEA-001", 1).expectStatus().isOk();
		assertThat(stack.post("/components/session-service-1/freeze").status()).isEqualTo(200);

		assertThatExceptionOfType(HttpTimeoutException.class).as("the frozen instance holds the request")
			.isThrownBy(() -> emptyTheCartOnTheFrozenInstance(stack, shopper.cookie()));
		List<String> acknowledged = new ArrayList<>();
		for (String product : List.of("COF-001", "COF-002", "COF-003", "COF-004", "CUP-001", "CUP-002", "CUP-003",
				"CUP-004")) {
			if (Answers.status(shopper.addLine(product, 1)) == 200) {
				acknowledged.add(product);
			}
		}
		stack.post("/components/session-service-1/thaw");

		await().atMost(Duration.ofSeconds(30)).until(() -> lateWritesRefused(stack) >= 1);
		assertThat(acknowledged).as("writes through the other instance").isNotEmpty();
		assertThat(productsInTheCart(shopper)).contains("TEA-001").containsAll(acknowledged);
	}

	// on the JDK's client: a request with a timeout of its own, the gateway's deadline
	private static void emptyTheCartOnTheFrozenInstance(Stack stack, String cookie) throws Exception {
		long deadline = System.currentTimeMillis() + GATEWAY_TIME_LIMIT.toMillis();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + (8082 + stack.portOffset()) + "/api/cart"))
			.timeout(GATEWAY_TIME_LIMIT)
			.header("Cookie", cookie)
			.header("X-Statewise-Deadline", String.valueOf(deadline))
			.DELETE()
			.build();
		HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
	}

	/** The late writes session-service-1 refused, from its Prometheus endpoint. */
	private static double lateWritesRefused(Stack stack) {
		return StoreApi.prometheus(stack, 9082)
			.lines()
			.filter((metric) -> metric.startsWith("statewise_session_writes_refused_total")
					&& metric.contains("reason=\"late\""))
			.mapToDouble((metric) -> Double.parseDouble(metric.substring(metric.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static List<String> productsInTheCart(Shopper shopper) {
		return Answers.read(shopper.get("/api/cart").expectStatus().isOk(), "$.lines[*].productId");
	}

}
