package io.statewise.localstack;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.statewise.testkit.TestClients;
import io.statewise.testkit.Answers;
import io.statewise.localstack.BadInputs.Probe;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.RawHttp.Answer;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import io.statewise.testkit.OpenApiDescription;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * The generative bad-input test: from the gateway's OpenAPI description (the store's
 * public API, fetched from the gateway's management port), well over a thousand malformed
 * requests ({@link BadInputs}) are sent through the gateway, each once as a signed-in
 * shopper and once anonymously, every simulated client from its own loopback address and
 * paced under the gateway's rate limits. Protects what a client on the internet can rely
 * on whatever it sends: no {@code 5xx}, every error a problem+json answer, an answer
 * within 5 s, {@code /internal} out of reach, and nothing changed by a malformed request:
 * stock, orders, another shopper's cart.
 */
@Order(7)
@ExtendWith(LocalStackExtension.class)
class BadInputIntegrationTests {

	private static final int SIGNED_IN = 4;

	private static final int ANONYMOUS = 2;

	/**
	 * Milliseconds between two requests of one client on one route, under the gateway's
	 * limits (catalog 50/s, session 20/s per client address; orders 5/s per user).
	 */
	private static final Map<String, Long> PACE = Map.of("catalog", 25L, "session", 60L, "orders", 230L, "other", 20L);

	private static final long SLOW_MILLIS = 5_000;

	private final List<Sent> sent = new CopyOnWriteArrayList<>();

	@Test
	void malformedRequestsThroughTheGatewayShouldGetProblemsNeverServerErrorsAndChangeNothing(Stack stack)
			throws Exception {
		int offset = stack.portOffset();
		List<Probe> probes = BadInputs.of(OpenApiDescription.fetch(9080 + offset));
		Shopper victim = ShoppingIntegrationTests.loggedInShopper(stack);
		victim.addLine("CUP-001", 3).expectStatus().isOk();
		List<Client> clients = clients(stack);
		Snapshot before = Snapshot.take(stack, victim, clients);

		long started = System.currentTimeMillis();
		send(stack, probes, clients);
		List<Answer> internal = internalPathsThroughTheGateway(stack);
		long took = System.currentTimeMillis() - started;
		report(probes.size(), took);

		assertThat(this.sent).as("requests sent").hasSizeGreaterThanOrEqualTo(1_000);
		Snapshot after = Snapshot.take(stack, victim, clients);
		// every kind of failure reported at once: each names other defects
		assertSoftly((softly) -> {
			softly.assertThat(Answers.<Boolean>read(after.consistency(), "$.consistent"))
				.as(after.consistency())
				.isTrue();
			softly.assertThat(after.stock()).as("stock of every product").isEqualTo(before.stock());
			softly.assertThat(after.orders()).as("orders of every shopper").isEqualTo(before.orders());
			softly.assertThat(after.victimCart()).as("another shopper's cart").isEqualTo(before.victimCart());
			softly.assertThat(failures((answer) -> answer.status() >= 500)).as("5xx answers").isEmpty();
			softly.assertThat(failures((answer) -> answer.status() < 0)).as("no answer at all").isEmpty();
			softly.assertThat(failures((answer) -> answer.status() >= 400 && !answer.isProblem()))
				.as("errors that are not problem+json")
				.isEmpty();
			softly.assertThat(failures((answer) -> answer.millis() > SLOW_MILLIS))
				.as("answers slower than 5 s")
				.isEmpty();
			softly.assertThat(internal.subList(0, internalPaths().size()))
				.as("/internal through the gateway")
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isEqualTo(404));
			softly.assertThat(internal)
				.as("/internal through the gateway, also behind dot segments")
				.allSatisfy((answer) -> assertThat(answer.status()).as(answer.toString()).isGreaterThanOrEqualTo(400))
				.allSatisfy((answer) -> assertThat(answer.isProblem()).as(answer.toString()).isTrue());
		});
	}

	/** Signed-in shoppers and anonymous clients, each on its own loopback address. */
	private static List<Client> clients(Stack stack) throws UnknownHostException {
		List<Client> clients = new ArrayList<>();
		for (int i = 0; i < SIGNED_IN + ANONYMOUS; i++) {
			InetAddress address = InetAddress.getByName("127.0.0." + (20 + i));
			clients.add(new Client("client-" + i, address,
					(i < SIGNED_IN) ? ShoppingIntegrationTests.loggedInShopper(stack) : null));
		}
		return clients;
	}

	/**
	 * Every probe once signed in and once anonymously, spread over the clients; one
	 * thread per client and route, each paced under that route's limit.
	 */
	private void send(Stack stack, List<Probe> probes, List<Client> clients) throws Exception {
		Map<String, List<Runnable>> lanes = new HashMap<>();
		int gateway = 8080 + stack.portOffset();
		for (int i = 0; i < probes.size(); i++) {
			Probe probe = probes.get(i);
			List<Client> chosen = new ArrayList<>();
			chosen.add(clients.get(SIGNED_IN + (i % ANONYMOUS)));
			if (!probe.flags().contains(BadInputs.Flag.ANONYMOUS_ONLY)) {
				chosen.add(clients.get(i % SIGNED_IN));
			}
			for (Client client : chosen) {
				lanes.computeIfAbsent(client.name() + "/" + probe.route(), (lane) -> new ArrayList<>())
					.add(() -> this.sent.add(new Sent(probe, client.name(),
							RawHttp.exchange(client.address(), gateway, probe.render(gateway, client.cookie())))));
			}
		}
		ExecutorService threads = Executors.newFixedThreadPool(lanes.size());
		try {
			List<Future<?>> done = new ArrayList<>();
			lanes.forEach((lane, requests) -> done
				.add(threads.submit(() -> paced(requests, PACE.get(lane.substring(lane.indexOf('/') + 1))))));
			for (Future<?> lane : done) {
				lane.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void paced(List<Runnable> requests, long pace) {
		for (Runnable request : requests) {
			long start = System.currentTimeMillis();
			request.run();
			long wait = pace - (System.currentTimeMillis() - start);
			if (wait > 0) {
				try {
					Thread.sleep(wait);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * Each service's {@code /internal} paths, as they are and through a route with dot
	 * segments, must not reach the service: the first ones answer 404, the rest an error.
	 */
	private static List<Answer> internalPathsThroughTheGateway(Stack stack) throws UnknownHostException {
		int gateway = 8080 + stack.portOffset();
		InetAddress from = InetAddress.getByName("127.0.0.30");
		List<String> targets = new ArrayList<>(internalPaths());
		for (String route : List.of("/api/catalog", "/api/cart", "/api/orders")) {
			for (String climb : List.of("/../../", "/..;/..;/", "/%2e%2e/%2e%2e/", "/.%2e/.%2e/", "/..%2f..%2f",
					"/..%252f..%252f", "/..%5c..%5c", "/;/../../", "/x/../../../")) {
				targets.add(route + climb + "internal/consistency");
			}
		}
		List<Answer> answers = new ArrayList<>();
		for (String target : targets) {
			String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + gateway
					+ "\r\nConnection: close\r\n\r\n";
			Answer answer = RawHttp.exchange(from, gateway,
					request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
			answers.add(new Answer(answer.status(), answer.contentType(), target + " -> " + answer.body(),
					answer.millis(), answer.failure()));
		}
		return answers;
	}

	private static List<String> internalPaths() {
		return List.of("/internal/consistency", "/internal/reservations/3fa85f64-5717-4562-b3fc-2c963f66afa6",
				"/internal/session");
	}

	private List<String> failures(java.util.function.Predicate<Answer> failed) {
		return this.sent.stream()
			.filter((one) -> failed.test(one.answer()))
			.map((one) -> one.probe().what() + " [" + one.client() + "] -> " + one.answer().status() + " "
					+ one.answer().contentType() + " in " + one.answer().millis() + " ms " + one.answer().failure()
					+ " " + one.answer().body())
			.toList();
	}

	private void report(int probes, long took) {
		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<String, Map<Integer, Integer>> byRoute = new TreeMap<>();
		long slowest = 0;
		for (Sent one : this.sent) {
			statuses.merge(one.answer().status(), 1, Integer::sum);
			byRoute.computeIfAbsent(one.probe().route(), (route) -> new TreeMap<>())
				.merge(one.answer().status(), 1, Integer::sum);
			slowest = Math.max(slowest, one.answer().millis());
		}
		System.out.printf("bad input: %d probes, %d requests through the gateway in %.1f s; slowest %d ms%n", probes,
				this.sent.size(), took / 1000.0, slowest);
		System.out.printf("bad input: by status %s; rate limited (429): %d%n", statuses, statuses.getOrDefault(429, 0));
		byRoute.forEach((route, counts) -> System.out.printf("bad input: %s %s%n", route, counts));
		Map<String, Integer> notProblems = new TreeMap<>();
		this.sent.stream()
			.filter((one) -> one.answer().status() >= 400 && !one.answer().isProblem())
			.forEach(
					(one) -> notProblems.merge(
							one.answer().status() + " for "
									+ one.probe().what().substring(one.probe().what().indexOf(": ") + 2),
							1, Integer::sum));
		notProblems.forEach((kind, count) -> System.out.printf("bad input: not problem+json: %d x %s%n", count, kind));
	}

	/** A client of the gateway: its own address, and a session cookie when signed in. */
	private record Client(String name, InetAddress address, @Nullable Shopper shopper) {

		@Nullable String cookie() {
			return (this.shopper != null) ? this.shopper.cookie() : null;
		}

	}

	private record Sent(Probe probe, String client, Answer answer) {

	}

	/**
	 * What no malformed request may change: every product's stock, the consistency
	 * report, the orders of every shopper, another shopper's cart (its lines, as JSON).
	 */
	private record Snapshot(Map<String, String> stock, String consistency, Map<String, String> orders,
			String victimCart) {

		static Snapshot take(Stack stack, Shopper victim, List<Client> clients) {
			RestTestClient inventory = TestClients.to(8081 + stack.portOffset());
			Map<String, String> stock = new ConcurrentHashMap<>();
			List<String> products = Answers.read(inventory.get().uri("/api/catalog/products?size=100").exchange(),
					"$.items[*].id");
			products.forEach((id) -> stock.put(id,
					Answers.body(inventory.get().uri("/api/catalog/products/{id}/stock", id).exchange())));
			Map<String, String> orders = new TreeMap<>();
			orders.put("victim", totalItems(victim.get("/api/orders")));
			for (Client client : clients) {
				if (client.shopper() != null) {
					orders.put(client.name(), totalItems(client.shopper().get("/api/orders").expectStatus().isOk()));
				}
			}
			ResponseSpec cart = victim.get("/api/cart").expectStatus().isOk();
			return new Snapshot(new TreeMap<>(stock), Answers.body(StoreApi.consistency(stack, 8081)), orders,
					String.valueOf(Answers.<Object>read(cart, "$.lines")));
		}

		private static String totalItems(ResponseSpec orders) {
			return String.valueOf(Answers.<Object>read(orders, "$.totalItems"));
		}

	}

}
