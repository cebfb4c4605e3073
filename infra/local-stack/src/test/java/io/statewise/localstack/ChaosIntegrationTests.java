package io.statewise.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import com.jayway.jsonpath.PathNotFoundException;
import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import io.statewise.testkit.Lines;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drill in isolation is not proof: shoppers with their own cookies fill carts and check
 * out through the gateway for a minute and a half while faults are injected one after the
 * other (an instance killed, the Redis primary frozen, an order-service instance killed
 * mid-checkout, PostgreSQL stopped, the Redis primary killed), each held and each
 * recovery observed for a set time counted from when the control API completed it, so
 * that a slow start on a loaded machine cuts no phase short. Afterwards the invariants
 * are checked: every acknowledged cart line is there, one idempotency key never made two
 * orders, every order settles, stock is consistent, and no request was answered 500. How
 * long each fault made requests fail is printed (docs/benchmarks.md), not asserted:
 * timings on a shared 2-core machine are figures, not pass/fail.
 */
@Order(6)
@ExtendWith(LocalStackExtension.class)
class ChaosIntegrationTests {

	private static final int SHOPPERS = 6;

	/**
	 * How long the load goes on after a fault or a recovery has completed, whatever the
	 * control API took to complete it (a JVM start on a loaded machine can take half a
	 * minute): every phase is observed for as long as planned, wherever the clock is.
	 */
	private static final long FAULT_MILLIS = 8_000;

	private static final long RECOVERY_MILLIS = 6_000;

	/** Cart writes a phase must have seen, else it measured nothing. */
	private static final int MIN_CART_WRITES_PER_PHASE = 40;

	/**
	 * Elapsed time at which the shoppers stop: set once the last recovery has settled.
	 */
	private volatile long end = Long.MAX_VALUE;

	/**
	 * One cart write per shopper every 350 ms: 17 per second in all, under the gateway's
	 * 20/s per client address on the session route (all shoppers come from 127.0.0.1).
	 */
	private static final long PACE_MILLIS = 350;

	/** The seed catalog: six products in each of six categories. */
	private static final List<String> CATALOG = java.util.stream.Stream.of("BOK", "BRW", "COF", "CUP", "SNK", "TEA")
		.flatMap((category) -> IntStream.rangeClosed(1, 6).mapToObj((i) -> category + "-00" + i))
		.toList();

	private static final List<String> PRODUCTS = List.of("TEA-001", "TEA-002", "COF-001", "COF-002", "CUP-001",
			"SNK-001");

	private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();

	private final Map<String, Long> faults = new ConcurrentHashMap<>();

	private long start;

	@Test
	void shoppersUnderFaultsShouldLoseNothingAcknowledgedAndNeverOrderTwice(Stack stack) throws Exception {
		List<Cart> carts = new CopyOnWriteArrayList<>();
		List<Checkout> checkouts = new CopyOnWriteArrayList<>();
		this.start = System.currentTimeMillis();
		ExecutorService threads = Executors.newFixedThreadPool(SHOPPERS + 1);
		try {
			List<Future<?>> work = new ArrayList<>();
			for (int s = 0; s < SHOPPERS; s++) {
				int shopper = s;
				work.add(threads.submit(() -> shop(stack, shopper, carts, checkouts)));
			}
			work.add(threads.submit(() -> injectFaults(stack)));
			for (Future<?> done : work) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		List<String> unobserved = report();

		assertThat(this.outcomes).as("answers during the run").isNotEmpty();
		assertThat(this.outcomes).filteredOn((outcome) -> outcome.status() == 500).as("500 answers").isEmpty();
		everyAcknowledgedLineIsInItsCart(carts);
		oneOrderPerKeyAndEveryOrderSettles(stack, checkouts);
		stockIsConsistent(stack);
		assertThat(unobserved).as("fault phases with too little load to have measured anything").isEmpty();
	}

	private void shop(Stack stack, int number, List<Cart> carts, List<Checkout> checkouts) {
		Cart cart = newCart(stack, carts);
		int attempts = 0;
		for (int n = 1; elapsed() < this.end; n++) {
			long sent = System.currentTimeMillis();
			// each cart line a product of the catalog not yet added to this cart
			String product = CATALOG.get((number * 7 + attempts) % CATALOG.size());
			attempts++;
			Shopper shopper = cart.shopper();
			EntityExchangeResult<String> added = send("cart", () -> shopper.addLine(product, 1));
			if (added != null && added.getStatus().value() == 200) {
				cart.acknowledged().put(product, System.currentTimeMillis());
			}
			if (n % 8 == 0) {
				checkouts.add(checkOut(cart.shopper()));
			}
			if (attempts == CATALOG.size()) {
				cart = newCart(stack, carts);
				attempts = 0;
			}
			pause(sent, PACE_MILLIS);
		}
	}

	/** A new account, logged in, with an empty cart; retried until the stack lets it. */
	private static Cart newCart(Stack stack, List<Cart> carts) {
		Shopper shopper = new Shopper(stack);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(shopper::signUpAndLogIn);
		Cart cart = new Cart(shopper, new ConcurrentHashMap<>());
		carts.add(cart);
		return cart;
	}

	/**
	 * One checkout intent: one key, retried on failure, every order id it was answered.
	 */
	private Checkout checkOut(Shopper shopper) {
		String key = UUID.randomUUID().toString();
		String product = PRODUCTS.get(ThreadLocalRandom.current().nextInt(PRODUCTS.size()));
		Set<String> ids = new HashSet<>();
		for (int attempt = 0; attempt < 6; attempt++) {
			long sent = System.currentTimeMillis();
			EntityExchangeResult<String> answer = send("checkout",
					() -> shopper.checkOut(Lines.lines(product, 1), key));
			if (answer != null && List.of(200, 201, 202).contains(answer.getStatus().value())) {
				ids.add(Answers.read(answer.getResponseBody(), "$.id"));
				break;
			}
			pause(sent, 500);
		}
		return new Checkout(shopper, key, ids);
	}

	/** Sends one request and notes its outcome; no answer at all is null. */
	private @Nullable EntityExchangeResult<String> send(String kind, Supplier<ResponseSpec> request) {
		long sent = System.currentTimeMillis();
		try {
			EntityExchangeResult<String> answer = request.get().returnResult(String.class);
			this.outcomes.add(new Outcome(kind, sent - this.start, System.currentTimeMillis() - sent,
					answer.getStatus().value(), title(answer)));
			return answer;
		}
		catch (ResourceAccessException ex) {
			this.outcomes.add(new Outcome(kind, sent - this.start, System.currentTimeMillis() - sent, -1, "no answer"));
			return null;
		}
	}

	/** A failed answer's problem title, to tell in the report what failed. */
	private static String title(EntityExchangeResult<String> answer) {
		if (answer.getStatus().value() < 400) {
			return "";
		}
		try {
			return String.valueOf(Answers.<Object>read(String.valueOf(answer.getResponseBody()), "$.title"));
		}
		catch (PathNotFoundException ex) {
			return "";
		}
		catch (RuntimeException ex) {
			return "(no problem body)";
		}
	}

	private void injectFaults(Stack stack) {
		hold(RECOVERY_MILLIS);
		phase(stack, "session-service-1 killed", "session-service-1", "kill", "start");
		String primary = stack.get("/components/redis-primary").body().get("name").asString();
		phase(stack, "Redis primary frozen", primary, "freeze", "thaw");
		phase(stack, "order-service-1 killed", "order-service-1", "kill", "start");
		phase(stack, "PostgreSQL stopped", "postgres", "stop", "start");
		String killed = stack.get("/components/redis-primary").body().get("name").asString();
		phase(stack, "Redis primary killed", killed, "kill", "start");
		this.end = elapsed();
	}

	/**
	 * A fault, held for a while under load, then recovered from, and a while to settle.
	 */
	private void phase(Stack stack, String name, String component, String fault, String recovery) {
		fault(stack, name, component, fault);
		hold(FAULT_MILLIS);
		stack.post("/components/" + component + "/" + recovery);
		hold(RECOVERY_MILLIS);
	}

	private static void hold(long millis) {
		pause(System.currentTimeMillis(), millis);
	}

	private void fault(Stack stack, String name, String component, String action) {
		this.faults.put(name, elapsed());
		assertThat(stack.post("/components/" + component + "/" + action).status()).as(name).isEqualTo(200);
		System.out.printf("chaos: %6d ms %s (%s %s, done at %d ms)%n", this.faults.get(name), name, action, component,
				elapsed());
	}

	private void everyAcknowledgedLineIsInItsCart(List<Cart> carts) {
		List<Long> redisFaults = List.of(this.start + this.faults.get("Redis primary frozen"),
				this.start + this.faults.get("Redis primary killed"));
		List<String> lost = new ArrayList<>();
		List<String> lostInTheLastMomentOfThePrimary = new ArrayList<>();
		for (Cart cart : carts) {
			Set<String> present = new HashSet<>();
			ResponseSpec read = await().atMost(Duration.ofSeconds(30))
				.until(() -> cart.shopper().get("/api/cart"), (answer) -> Answers.status(answer) == 200);
			present.addAll(Answers.<List<String>>read(read, "$.lines[*].productId"));
			cart.acknowledged().forEach((product, at) -> {
				if (!present.contains(product)) {
					boolean asynchronous = redisFaults.stream()
						.anyMatch((redisFault) -> at >= redisFault - 1_000 && at <= redisFault);
					(asynchronous ? lostInTheLastMomentOfThePrimary : lost).add(product);
				}
			});
		}
		long acknowledged = carts.stream().mapToLong((cart) -> cart.acknowledged().size()).sum();
		System.out.printf(
				"chaos: %d acknowledged cart lines in %d carts; lost %s; lost in the last second before"
						+ " a Redis primary failed (asynchronous replication, default mode) %s%n",
				acknowledged, carts.size(), lost, lostInTheLastMomentOfThePrimary);
		assertThat(acknowledged).isPositive();
		assertThat(lost).as("acknowledged cart lines missing").isEmpty();
	}

	private static void oneOrderPerKeyAndEveryOrderSettles(Stack stack, List<Checkout> checkouts) {
		assertThat(checkouts)
			.allSatisfy((checkout) -> assertThat(checkout.ids()).as(checkout.key()).hasSizeLessThan(2));
		Map<Shopper, List<Checkout>> byShopper = new java.util.IdentityHashMap<>();
		checkouts.forEach(
				(checkout) -> byShopper.computeIfAbsent(checkout.shopper(), (key) -> new ArrayList<>()).add(checkout));
		Map<String, Integer> statuses = new TreeMap<>();
		byShopper.forEach((shopper, mine) -> {
			List<Map<String, String>> orders = await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> orders(shopper), (list) -> list != null
						&& list.stream().noneMatch((order) -> order.get("status").equals("PENDING")));
			Set<String> listed = new HashSet<>();
			orders.forEach((order) -> {
				listed.add(order.get("id"));
				statuses.merge(order.get("status"), 1, Integer::sum);
			});
			assertThat(orders).as("no more orders than checkout intents").hasSizeLessThanOrEqualTo(mine.size());
			mine.forEach((checkout) -> assertThat(listed).containsAll(checkout.ids()));
		});
		System.out.printf("chaos: %d checkout intents, orders by status %s%n", checkouts.size(), statuses);
	}

	/** The shopper's orders, each its id and status; null while the list is refused. */
	private static @Nullable List<Map<String, String>> orders(Shopper shopper) {
		ResponseSpec page = shopper.get("/api/orders?size=100");
		if (Answers.status(page) != 200) {
			return null;
		}
		return Answers.read(page, "$.items[*]['id','status']");
	}

	private static void stockIsConsistent(Stack stack) {
		for (int port : List.of(8081, 8181)) {
			ResponseSpec check = await().atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> StoreApi.consistency(stack, port), (answer) -> Answers.status(answer) == 200);
			check.expectBody().jsonPath("$.consistent").isEqualTo(true);
		}
	}

	/**
	 * For each fault: from its injection to the last failed request of its phase. Answers
	 * the phases that saw too few cart writes to have measured anything.
	 */
	private List<String> report() {
		List<String> unobserved = new ArrayList<>();
		Map<Long, String> byTime = new TreeMap<>();
		this.faults.forEach((name, at) -> byTime.put(at, name));
		List<Long> times = new ArrayList<>(byTime.keySet());
		Map<Integer, Integer> statuses = new TreeMap<>();
		this.outcomes.forEach((outcome) -> statuses.merge(outcome.status(), 1, Integer::sum));
		System.out.printf("chaos: %d requests, statuses %s (-1: no answer)%n", this.outcomes.size(), statuses);
		for (int i = 0; i < times.size(); i++) {
			long from = times.get(i);
			long to = (i + 1 < times.size()) ? times.get(i + 1) : this.end;
			for (String kind : List.of("cart", "checkout")) {
				List<Outcome> phase = this.outcomes.stream()
					.filter((outcome) -> outcome.kind().equals(kind) && outcome.at() >= from && outcome.at() < to)
					.toList();
				List<Outcome> failed = phase.stream()
					.filter((outcome) -> outcome.status() >= 500 || outcome.status() < 0)
					.toList();
				long slowest = phase.stream().mapToLong(Outcome::took).max().orElse(0);
				long window = failed.stream().mapToLong(Outcome::at).max().orElse(from) - from;
				Map<String, Integer> why = new TreeMap<>();
				failed.forEach((outcome) -> why.merge(outcome.status() + " " + outcome.title(), 1, Integer::sum));
				System.out.printf(
						"chaos: %-26s %-8s failed for %5d ms after it (%d of %d requests failed: %s; slowest answer"
								+ " %d ms)%n",
						byTime.get(from), kind, window, failed.size(), phase.size(), why, slowest);
				if (kind.equals("cart") && phase.size() < MIN_CART_WRITES_PER_PHASE) {
					unobserved.add(byTime.get(from));
				}
			}
		}
		return unobserved;
	}

	private long elapsed() {
		return System.currentTimeMillis() - this.start;
	}

	private static void pause(long from, long millis) {
		long remaining = millis - (System.currentTimeMillis() - from);
		try {
			Thread.sleep(Math.max(0, remaining));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A logged-in shopper's cart and the lines it was told were added, with when. */
	record Cart(Shopper shopper, Map<String, Long> acknowledged) {

	}

	/** One checkout intent: its key and every order id it was answered. */
	record Checkout(Shopper shopper, String key, Set<String> ids) {

	}

	/**
	 * One request: what kind, when it was sent (ms from the start), how it was answered
	 * (and a failure's problem title).
	 */
	record Outcome(String kind, long at, long took, int status, String title) {

	}

}
