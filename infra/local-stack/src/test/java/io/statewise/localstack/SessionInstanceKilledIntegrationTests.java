package io.statewise.localstack;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of two session-service instances is killed (SIGKILL) while two shoppers keep
 * reading their carts through the gateway. Protects "any instance can serve any request"
 * as a browser sees it: the gateway retries what a dead instance refused or broke off on
 * the other instance, takes the dead one out of rotation, and the session and cart, kept
 * in Redis, are there on the survivor — not one read fails.
 */
@Order(4)
@ExtendWith(LocalStackExtension.class)
class SessionInstanceKilledIntegrationTests {

	/**
	 * Two shoppers, one read each per 150 ms: about 13 requests/s, under the 20/s limit.
	 */
	static final long PACE_MILLIS = 150;

	private Stack stack;

	@AfterEach
	void instanceBack() {
		this.stack.restore("session-service-1");
	}

	@Test
	void noIdempotentRequestShouldFailWhenOneSessionInstanceIsKilled(Stack stack) throws Exception {
		this.stack = stack;
		List<Shopper> shoppers = List.of(shopperWithACart(stack), shopperWithACart(stack));
		AtomicBoolean killed = new AtomicBoolean();
		Map<Boolean, Map<String, Integer>> servedBy = Map.of(false, new ConcurrentHashMap<>(), true,
				new ConcurrentHashMap<>());
		long start = System.nanoTime();
		ExecutorService threads = Executors.newFixedThreadPool(shoppers.size());
		try {
			List<Future<?>> readers = shoppers.stream()
				.<Future<?>>map((shopper) -> threads.submit(() -> readCart(shopper, start, killed, servedBy)))
				.toList();
			pauseUntil(start, 3_000);
			stack.post("/components/session-service-1/kill");
			killed.set(true);
			for (Future<?> reader : readers) {
				reader.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		System.out.printf("session-service-1 killed under steady cart reads: served before %s, after %s; %s%n",
				servedBy.get(false), servedBy.get(true), retries(stack));
		assertThat(servedBy.get(false)).as("both instances served before the kill").hasSize(2);
		assertThat(servedBy.get(true)).as("reads after the kill")
			.containsOnlyKeys("session-service/127.0.0.1:" + (8182 + stack.portOffset()));
	}

	/**
	 * Reads the cart until 8 s after the kill and counts the answers by the instance that
	 * served them, and by whether the kill had happened when the read was sent; the first
	 * answer that is not the intact cart fails the test.
	 */
	private static void readCart(Shopper shopper, long start, AtomicBoolean killed,
			Map<Boolean, Map<String, Integer>> servedBy) {
		while (System.nanoTime() - start < 11_000_000_000L) {
			long sent = System.nanoTime();
			boolean afterKill = killed.get();
			shopper.get("/api/cart")
				.expectStatus()
				.isOk()
				.expectHeader()
				.value("X-Served-By", (instance) -> servedBy.get(afterKill).merge(instance, 1, Integer::sum))
				.expectBody()
				.jsonPath("$.totalQuantity")
				.isEqualTo(2);
			pauseUntil(sent, PACE_MILLIS);
		}
	}

	private static Shopper shopperWithACart(Stack stack) {
		Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);
		shopper.addLine("TEA-002", 2).expectStatus().isOk();
		return shopper;
	}

	/** The gateway's retry counters, from its Prometheus endpoint. */
	private static Map<String, String> retries(Stack stack) {
		Map<String, String> counters = new TreeMap<>();
		StoreApi.prometheus(stack, 9080)
			.lines()
			.filter((line) -> line.startsWith("statewise_gateway_retries_total"))
			.forEach((line) -> counters.put(line.substring(0, line.lastIndexOf(' ')),
					line.substring(line.lastIndexOf(' ') + 1)));
		return counters;
	}

	private static void pauseUntil(long from, long millis) {
		long remaining = millis - (System.nanoTime() - from) / 1_000_000;
		try {
			Thread.sleep(Math.max(0, remaining));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
