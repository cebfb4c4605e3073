package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.order.FakeInventory;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.id;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;

@OrderTest
class CheckoutTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	Shop shop;

	FakeInventory inventory = FakeInventory.get();

	@BeforeEach
	void healthyInventory() {
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@Test
	void checkoutWithStockShouldConfirmTheOrderWithThePriceSnapshotAndReserveItOnce() {
		String cup = this.inventory.product(10);
		Response response = this.shop.checkout(user(), key(), lines(cup, 3));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(response.json().get("total").get("amountMinor").asLong()).isEqualTo(3 * FakeInventory.price(cup));
		assertThat(this.inventory.available(cup)).isEqualTo(7);
		assertThat(this.inventory.reservationStatus(id(response))).isEqualTo("RESERVED");
		assertThat(this.inventory.anyUpgradeRequested()).as("h2c upgrade attempts").isFalse();
	}

	@Test
	void locationShouldBeTheOrdersPublicPathNotThisInstancesUrl() {
		Response response = this.shop.checkout(user(), key(), lines(this.inventory.product(10), 1));

		assertThat(response.header("Location")).isEqualTo("/api/orders/" + id(response));
	}

	@Test
	void problemsShouldNameThePublicPathOfTheRequestAsTheirInstance() {
		UUID unknown = UUID.randomUUID();
		Response unknownProduct = this.shop.checkout(user(), key(), lines("NOPE-2", 1));
		Response unknownOrder = this.shop.order(user(), unknown);

		assertThat(unknownProduct.json().get("instance").asString()).isEqualTo("/api/orders");
		assertThat(unknownOrder.json().get("instance").asString()).isEqualTo("/api/orders/" + unknown);
	}

	@Test
	void checkoutWithShortStockShouldRejectWithTheShortLinesAndLeaveStockUntouched() {
		String cup = this.inventory.product(2);
		String tea = this.inventory.product(5);
		Response response = this.shop.checkout(user(), key(), lines(cup, 3, tea, 1));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("status").asString()).isEqualTo("REJECTED");
		assertThat(response.json().get("shortLines").get(0).get("productId").asString()).isEqualTo(cup);
		assertThat(response.json().get("shortLines").get(0).get("available").asInt()).isEqualTo(2);
		assertThat(this.inventory.available(cup) + this.inventory.available(tea)).isEqualTo(7);
	}

	@Test
	void answerOfAConfirmedOrRejectedCheckoutShouldBeTheOrderAsItIsStored() {
		String user = user();
		String cup = this.inventory.product(2);
		String tea = this.inventory.product(5);
		Response confirmed = this.shop.checkout(user, key(), lines(tea, 2, cup, 1));
		Response rejected = this.shop.checkout(user, key(), lines(cup, 3, tea, 1));

		assertThat(confirmed.json()).isEqualTo(this.shop.order(user, id(confirmed)).json());
		assertThat(rejected.json()).isEqualTo(this.shop.order(user, id(rejected)).json());
		assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
	}

	@Test
	void repeatedCheckoutWithTheSameKeyShouldReplayTheFirstAnswerAndPlaceOneOrder() {
		String user = user();
		String key = key();
		String cup = this.inventory.product(10);
		String cart = lines(cup, 1);
		Response first = this.shop.checkout(user, key, cart);
		Response second = this.shop.checkout(user, key, cart);

		assertThat(second.status()).isEqualTo(first.status()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(this.shop.orders(user)).isOne();
		assertThat(this.inventory.available(cup)).as("reserved once").isEqualTo(9);
	}

	@Test
	void sameKeyWithAnotherCartShouldBeUnprocessableAndChangeNothing() {
		String user = user();
		String key = key();
		Response first = this.shop.checkout(user, key, lines(this.inventory.product(10), 1));
		Response other = this.shop.checkout(user, key, lines(this.inventory.product(10), 2));

		assertThat(other.status()).isEqualTo(422);
		assertThat(other.header("Content-Type")).startsWith("application/problem+json");
		assertThat(other.json().get("orderId").asString()).isEqualTo(id(first).toString());
		assertThat(this.shop.orders(user)).isOne();
	}

	@Test
	void sameKeyFromAnotherUserShouldBeAnotherOrder() {
		String key = key();
		String cart = lines(this.inventory.product(10), 1);
		Response mine = this.shop.checkout(user(), key, cart);
		Response theirs = this.shop.checkout(user(), key, cart);

		assertThat(theirs.status()).isEqualTo(201);
		assertThat(id(theirs)).isNotEqualTo(id(mine));
	}

	@Test
	void unknownProductAsInventoryReportsItShouldBeAProblemAndReserveNothing() {
		String cup = this.inventory.product(10);
		Response response = this.shop.checkout(user(), key(), lines(cup, 1, "NOPE-1", 1));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("unknownProducts").get(0).asString()).isEqualTo("NOPE-1");
		assertThat(this.inventory.available(cup)).isEqualTo(10);
	}

	@Test
	void anotherUsersOrderShouldBeNotFound() {
		Response mine = this.shop.checkout(user(), key(), lines(this.inventory.product(10), 1));

		Response theirs = this.shop.order(user(), id(mine));

		assertThat(theirs.status()).isEqualTo(404);
		assertThat(theirs.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.shop.order(user(), UUID.randomUUID()).status()).isEqualTo(404);
	}

	@Test
	void myOrdersShouldBeListedNewestFirstInPages() {
		String user = user();
		for (int i = 0; i < 3; i++) {
			this.shop.checkout(user, key(), lines(this.inventory.product(10), i + 1));
		}
		Response page = this.shop.http().get("/api/orders?page=0&size=2", TestIdentity.HEADER, TestIdentity.of(user));

		assertThat(page.json().get("totalItems").asLong()).isEqualTo(3);
		assertThat(page.json().get("items").size()).isEqualTo(2);
		assertThat(page.json().get("items").get(0).get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
		assertThat(this.shop.http()
			.get("/api/orders?page=1&size=2", TestIdentity.HEADER, TestIdentity.of(user))
			.json()
			.get("items")
			.size()).isOne();
	}

	@Test
	void cancellingAConfirmedOrderShouldReleaseItsStockAndBeIdempotent() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = id(this.shop.checkout(user, key(), lines(cup, 4)));

		Response cancelled = this.shop.http()
			.post("/api/orders/" + order + "/cancel", "", TestIdentity.HEADER, TestIdentity.of(user));
		Response again = this.shop.http()
			.post("/api/orders/" + order + "/cancel", "", TestIdentity.HEADER, TestIdentity.of(user));

		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(again.status()).isEqualTo(200);
		assertThat(this.inventory.available(cup)).isEqualTo(10);
		assertThat(this.inventory.reservationStatus(order)).isEqualTo("RELEASED");
	}

	@Test
	void cancellingARejectedOrderShouldConflict() {
		String user = user();
		UUID order = id(this.shop.checkout(user, key(), lines(this.inventory.product(1), 5)));

		Response response = this.shop.http()
			.post("/api/orders/" + order + "/cancel", "", TestIdentity.HEADER, TestIdentity.of(user));

		assertThat(response.status()).isEqualTo(409);
		assertThat(this.shop.status(user, order)).isEqualTo("REJECTED");
	}

}
