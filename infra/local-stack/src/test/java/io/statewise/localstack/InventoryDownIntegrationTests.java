package io.statewise.localstack;

import java.time.Duration;
import java.util.UUID;

import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
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
		RestTestClient gateway = StoreApi.gateway(stack);
		Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);

		stack.post("/components/inventory-service-1/kill");
		stack.post("/components/inventory-service-2/kill");

		expectProblem(gateway.get().uri(ShoppingIntegrationTests.TEAS).exchange(), 503);
		ResponseSpec checkout = shopper.checkOut(ShoppingIntegrationTests.LINES, UUID.randomUUID().toString());
		checkout.expectStatus().isAccepted().expectBody().jsonPath("$.status").isEqualTo("PENDING");

		stack.post("/components/inventory-service-1/start");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> Answers.status(gateway.get().uri(ShoppingIntegrationTests.TEAS).exchange()) == 200);
		String order = "/api/orders/" + Answers.read(checkout, "$.id");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> shopper.get(order).expectBody().jsonPath("$.status").isEqualTo("CONFIRMED"));
	}

}
