package io.statewise.order.orders;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

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
import static io.statewise.order.Shop.id;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser (or the gateway) retrying a checkout before the first answer arrived.
 * Protects "no duplicate order per idempotency key" and "one reservation per order".
 */
@OrderTest
class CheckoutConcurrencyTests {

	private static final int RACERS = 8;

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	Shop shop;

	@BeforeEach
	void healthyInventory() {
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@Test
	void identicalCheckoutsRacingEachOtherShouldPlaceOneOrderAndAllGetItsAnswer() {
		String user = user();
		String key = key();
		String cup = FakeInventory.get().product(100);
		List<ResponseSpec> answers = race(() -> this.shop.checkout(user, key, lines(cup, 2)));

		assertThat(answers).extracting(Shop::status).containsOnly(201);
		assertThat(answers).extracting(Shop::body).containsOnly(Shop.body(answers.get(0)));
		assertThat(this.shop.orders(user)).isOne();
		assertThat(FakeInventory.get().reservationStatus(id(answers.get(0)))).isEqualTo("RESERVED");
		assertThat(FakeInventory.get().available(cup)).as("reserved once").isEqualTo(98);
	}

	private static List<ResponseSpec> race(java.util.function.Supplier<ResponseSpec> request) {
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<ResponseSpec>> racers = IntStream.range(0, RACERS)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> {
				awaitQuietly(start);
				return request.get();
			}, java.util.concurrent.Executors.newSingleThreadExecutor()))
			.toList();
		start.countDown();
		return racers.stream().map(CompletableFuture::join).toList();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
