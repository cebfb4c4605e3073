package io.statewise.localstack;

import java.time.Duration;
import java.util.UUID;

import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import io.statewise.testkit.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every inventory-service instance dies. Protects the degraded answers the store promises
 * instead of a hang: the catalog answers 503 problem+json through the gateway's fallback,
 * checkout is accepted as PENDING (202) by order-service, and when one instance is back
 * the catalog answers again and the reconciler confirms the pending order.
 */
@Order(3)
@ExtendWith(LocalStackExtension.class)
class InventoryDownIntegrationTests {

	private Stack stack;

	@AfterEach
	void inventoryBack() {
		this.stack.restore("inventory-service-1", "inventory-service-2");
	}

	@Test
	void catalogShouldFallBackCheckoutBeAcceptedAndBothRecover(Stack stack) {
		this.stack = stack;
		int gateway = 8080 + stack.portOffset();
		Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);

		stack.post("/components/inventory-service-1/kill");
		stack.post("/components/inventory-service-2/kill");

		Http.Response catalog = new Http(gateway).get("/api/catalog/products?category=tea");
		assertThat(catalog.status()).as(catalog.body()).isEqualTo(503);
		assertThat(catalog.header("Content-Type")).startsWith("application/problem+json");
		Http.Response checkout = shopper.post("/api/orders", ShoppingIntegrationTests.LINES, "Idempotency-Key",
				UUID.randomUUID().toString());
		assertThat(checkout.status()).as(checkout.body()).isEqualTo(202);
		assertThat(checkout.json().get("status").asString()).isEqualTo("PENDING");

		stack.post("/components/inventory-service-1/start");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> new Http(gateway).get("/api/catalog/products?category=tea").status() == 200);
		String order = "/api/orders/" + checkout.json().get("id").asString();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> shopper.get(order).json().get("status").asString(), (status) -> status.equals("CONFIRMED"));
	}

}
