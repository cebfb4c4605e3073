package io.statewise.order.inventory;

import java.util.Set;
import java.util.UUID;

import io.statewise.order.FakeInventory;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.id;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake inventory every order-service test talks to cannot drift from the real one:
 * after a reservation, a rejection, an unknown product, a repeat and a release through
 * order-service, every exchange it served meanwhile matches inventory-service's
 * description (issue 25: the fake cannot drift).
 */
@OrderTest
class FakeInventoryContractTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void everyExchangeOfTheFakeShouldMatchInventorysDescription() {
		Shop shop = new Shop(this.port, this.context);
		shop.healthyInventory();
		FakeInventory inventory = FakeInventory.get();
		Set<UUID> before = inventory.served();
		String user = user();
		String key = key();
		String cup = inventory.product(5);

		UUID confirmed = id(shop.checkout(user, key, lines(cup, 2)).expectStatus().isCreated());
		shop.checkout(user, key, lines(cup, 2)).expectStatus().isCreated();
		shop.checkout(user(), key(), lines(cup, 10)).expectBody().jsonPath("$.status").isEqualTo("REJECTED");
		shop.checkout(user(), key(), lines("NOPE-3", 1)).expectStatus().isEqualTo(422);
		shop.cancel(user, confirmed).expectStatus().isOk();

		FakeInventory.Contract contract = inventory.contract(before);
		assertThat(contract.exchanges()).as("reserve, rejected, unknown products, release").isGreaterThanOrEqualTo(4);
		assertThat(contract.violations()).isEmpty();
	}

	/** The check itself: an exchange inventory would never have is reported. */
	@Test
	void anExchangeInventoryNeverHasShouldBeReported() {
		String order = "/internal/reservations/3fa85f64-5717-4562-b3fc-2c963f66afa6";
		assertThat(FakeInventory.violations("PUT", order, "{\"lines\":[]}", 200, "{\"status\":\"MAYBE\"}"))
			.isNotEmpty();
		assertThat(FakeInventory.violations("DELETE", order, null, 204, null)).isNotEmpty();
	}

}
