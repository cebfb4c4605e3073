package io.statewise.order.orders;

import java.util.UUID;

import io.statewise.order.FakeInventory;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.body;
import static io.statewise.order.Shop.id;
import static io.statewise.order.Shop.json;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
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
		ResponseSpec response = this.shop.checkout(user(), key(), lines(cup, 3));

		response.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CONFIRMED")
			.jsonPath("$.total.amountMinor")
			.isEqualTo(3 * FakeInventory.price(cup));
		assertThat(this.inventory.available(cup)).isEqualTo(7);
		assertThat(this.inventory.reservationStatus(id(response))).isEqualTo("RESERVED");
		assertThat(this.inventory.anyUpgradeRequested()).as("h2c upgrade attempts").isFalse();
	}

	@Test
	void locationShouldBeTheOrdersPublicPathNotThisInstancesUrl() {
		ResponseSpec response = this.shop.checkout(user(), key(), lines(this.inventory.product(10), 1));

		response.expectHeader().location("/api/orders/" + id(response));
	}

	@Test
	void problemsShouldNameThePublicPathOfTheRequestAsTheirInstance() {
		UUID unknown = UUID.randomUUID();

		this.shop.checkout(user(), key(), lines("NOPE-2", 1))
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("/api/orders");
		this.shop.order(user(), unknown).expectBody().jsonPath("$.instance").isEqualTo("/api/orders/" + unknown);
	}

	@Test
	void checkoutWithShortStockShouldRejectWithTheShortLinesAndLeaveStockUntouched() {
		String cup = this.inventory.product(2);
		String tea = this.inventory.product(5);

		this.shop.checkout(user(), key(), lines(cup, 3, tea, 1))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("REJECTED")
			.jsonPath("$.shortLines[0].productId")
			.isEqualTo(cup)
			.jsonPath("$.shortLines[0].available")
			.isEqualTo(2);
		assertThat(this.inventory.available(cup) + this.inventory.available(tea)).isEqualTo(7);
	}

	@Test
	void answerOfAConfirmedOrRejectedCheckoutShouldBeTheOrderAsItIsStored() {
		String user = user();
		String cup = this.inventory.product(2);
		String tea = this.inventory.product(5);
		ResponseSpec confirmed = this.shop.checkout(user, key(), lines(tea, 2, cup, 1));
		ResponseSpec rejected = this.shop.checkout(user, key(), lines(cup, 3, tea, 1));

		assertThat(json(confirmed)).isEqualTo(json(this.shop.order(user, id(confirmed))));
		assertThat(json(rejected)).isEqualTo(json(this.shop.order(user, id(rejected))));
		rejected.expectBody().jsonPath("$.status").isEqualTo("REJECTED");
	}

	@Test
	void repeatedCheckoutWithTheSameKeyShouldReplayTheFirstAnswerAndPlaceOneOrder() {
		String user = user();
		String key = key();
		String cup = this.inventory.product(10);
		String cart = lines(cup, 1);
		String first = body(this.shop.checkout(user, key, cart).expectStatus().isCreated());

		String second = body(this.shop.checkout(user, key, cart).expectStatus().isCreated());

		assertThat(second).as("the first answer, byte for byte").isEqualTo(first);
		assertThat(this.shop.orders(user)).isOne();
		assertThat(this.inventory.available(cup)).as("reserved once").isEqualTo(9);
	}

	@Test
	void sameKeyWithAnotherCartShouldBeUnprocessableAndChangeNothing() {
		String user = user();
		String key = key();
		UUID first = id(this.shop.checkout(user, key, lines(this.inventory.product(10), 1)));

		expectProblem(this.shop.checkout(user, key, lines(this.inventory.product(10), 2)), 422).jsonPath("$.orderId")
			.isEqualTo(first.toString());
		assertThat(this.shop.orders(user)).isOne();
	}

	@Test
	void sameKeyFromAnotherUserShouldBeAnotherOrder() {
		String key = key();
		String cart = lines(this.inventory.product(10), 1);
		ResponseSpec mine = this.shop.checkout(user(), key, cart);
		ResponseSpec theirs = this.shop.checkout(user(), key, cart);

		theirs.expectStatus().isCreated();
		assertThat(id(theirs)).isNotEqualTo(id(mine));
	}

	@Test
	void unknownProductAsInventoryReportsItShouldBeAProblemAndReserveNothing() {
		String cup = this.inventory.product(10);

		expectProblem(this.shop.checkout(user(), key(), lines(cup, 1, "NOPE-1", 1)), 422)
			.jsonPath("$.unknownProducts[0]")
			.isEqualTo("NOPE-1");
		assertThat(this.inventory.available(cup)).isEqualTo(10);
	}

	@Test
	void anotherUsersOrderShouldBeNotFound() {
		UUID mine = id(this.shop.checkout(user(), key(), lines(this.inventory.product(10), 1)));

		expectProblem(this.shop.order(user(), mine), 404);
		expectProblem(this.shop.order(user(), UUID.randomUUID()), 404);
	}

	@Test
	void myOrdersShouldBeListedNewestFirstInPages() {
		String user = user();
		for (int i = 0; i < 3; i++) {
			this.shop.checkout(user, key(), lines(this.inventory.product(10), i + 1)).expectStatus().isCreated();
		}

		this.shop.get(user, "/api/orders?page=0&size=2")
			.expectBody()
			.jsonPath("$.totalItems")
			.isEqualTo(3)
			.jsonPath("$.items.length()")
			.isEqualTo(2)
			.jsonPath("$.items[0].lines[0].quantity")
			.isEqualTo(3);
		this.shop.get(user, "/api/orders?page=1&size=2").expectBody().jsonPath("$.items.length()").isEqualTo(1);
	}

	@Test
	void cancellingAConfirmedOrderShouldReleaseItsStockAndBeIdempotent() {
		String user = user();
		String cup = this.inventory.product(10);
		UUID order = id(this.shop.checkout(user, key(), lines(cup, 4)));

		this.shop.cancel(user, order).expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		this.shop.cancel(user, order).expectStatus().isOk();

		assertThat(this.inventory.available(cup)).isEqualTo(10);
		assertThat(this.inventory.reservationStatus(order)).isEqualTo("RELEASED");
	}

	@Test
	void cancellingARejectedOrderShouldConflict() {
		String user = user();
		UUID order = id(this.shop.checkout(user, key(), lines(this.inventory.product(1), 5)));

		this.shop.cancel(user, order).expectStatus().isEqualTo(409);

		assertThat(this.shop.status(user, order)).isEqualTo("REJECTED");
	}

}
