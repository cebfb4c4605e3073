package io.statewise.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL is stopped while a shopper browses and fills a cart through the gateway.
 * Protects the AP half of the store (ARCHITECTURE "Health-based failover", ADR 4): the
 * catalog is served stale from Redis and carts, which live in Redis, keep working,
 * because readiness reports state and never waits on the dead database, so the gateway
 * keeps every inventory and session instance in rotation. Measured before: both
 * session-service instances left rotation (readiness included {@code db}) and inventory's
 * readiness answered UP after 1.003 s, past the gateway's 1 s probe, so 198–233 requests
 * failed during a 10 s outage.
 */
@Order(5)
@ExtendWith(LocalStackExtension.class)
class PostgresDownIntegrationTests {

	/** Ten of the gateway's readiness rounds (one a second). */
	static final Duration OUTAGE = Duration.ofSeconds(10);

	/** The gateway waits this long for a readiness answer: its polling interval. */
	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	// on the JDK's client: a probe with a timeout of its own per request (docs/adr/0026)
	private static final HttpClient PROBE = HttpClient.newHttpClient();

	private Stack stack;

	@AfterEach
	void postgresBackAndEverythingHealthy() {
		this.stack.restore("postgres");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.stack.get("/components")
				.body()
				.valueStream()
				.allMatch((component) -> component.get("health").asString().equals("UP")));
	}

	@Test
	void catalogAndCartsShouldStayRoutedWhilePostgresIsDownAndLoginShouldRecoverAfter(Stack stack) {
		this.stack = stack;
		RestTestClient gateway = StoreApi.gateway(stack);
		Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);
		catalog(gateway).expectStatus().isOk();

		stack.post("/components/postgres/stop");

		long stopped = System.nanoTime();
		Set<String> inventoryInstances = ConcurrentHashMap.newKeySet();
		AtomicInteger quantity = new AtomicInteger();
		await().atMost(OUTAGE.multipliedBy(6)).pollInterval(Duration.ofMillis(250)).until(() -> {
			ResponseSpec catalog = catalog(gateway);
			catalog.expectStatus().isOk().expectHeader().value("X-Served-By", inventoryInstances::add);
			int wanted = quantity.incrementAndGet() % 5 + 1;
			shopper.put("/api/cart/lines/TEA-002", "{\"quantity\":" + wanted + "}").expectStatus().isOk();
			shopper.get("/api/cart").expectStatus().isOk().expectBody().jsonPath("$.totalQuantity").isEqualTo(wanted);
			return Answers.<Boolean>read(catalog, "$.stale")
					&& Duration.ofNanos(System.nanoTime() - stopped).compareTo(OUTAGE) > 0;
		});

		assertThat(inventoryInstances).as("both inventory instances kept serving").hasSize(2);
		List.of(9081, 9181, 9082, 9182)
			.forEach((port) -> assertThat(readiness(port + stack.portOffset())).as("readiness on " + port)
				.isEqualTo(200));
		new Shopper(stack).signUp("nobody@example.com")
			.expectStatus()
			.value((status) -> assertThat(status).as("sign-up needs the accounts database").isEqualTo(503));

		long postgres = stack.post("/components/postgres/start").body().get("pid").asLong();

		assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid))
			.as("PostgreSQL runs inside the stack's process tree")
			.contains(postgres);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !Answers.<Boolean>read(catalog(gateway), "$.stale") && new Shopper(stack).signUpAndLogIn());
	}

	private static ResponseSpec catalog(RestTestClient gateway) {
		return gateway.get().uri(ShoppingIntegrationTests.TEAS).exchange();
	}

	/**
	 * The readiness status as the gateway sees it: an answer slower than its probe
	 * timeout is no answer (-1).
	 */
	private static int readiness(int managementPort) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
			.timeout(PROBE_TIMEOUT)
			.build();
		try {
			return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
