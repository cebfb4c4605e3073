package io.statewise.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitBlockOnFail;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.http.HttpDsl.http;

/**
 * The journeys the simulations are made of, each as a user of the store goes through it
 * and each answer checked on its content, not only its status. Requests are grouped
 * ({@code browse}, {@code account}, {@code cart}, {@code checkout}) for the report and
 * the per-group assertions. A step that fails ends its journey: what follows depended on
 * it.
 */
final class Journeys {

	static final String BROWSE = "browse";

	static final String ACCOUNT = "account";

	static final String CART = "cart";

	static final String CHECKOUT = "checkout";

	private static final List<String> SEARCHES = List.of("tea", "coffee", "cup", "book", "green", "dark");

	private Journeys() {
	}

	/**
	 * Anonymous catalog: the categories, one category's page (every product of that
	 * category), a product page (the product asked for), a search and a further page.
	 */
	static final ChainBuilder BROWSING = group(BROWSE).on(
			Store.send("categories", http("categories").get("/api/catalog/categories"), List.of(200),
					jsonPath("$.items[*].id").findRandom().saveAs("category")),
			think(),
			Store.send("category page", http("category page").get("/api/catalog/products?category=#{category}"),
					List.of(200),
					jsonPath("$.items[*].category").findAll()
						.transform((categories) -> Set.copyOf(categories))
						.is((session) -> Set.of(session.getString("category")))
						.name("every product of the category asked for"),
					jsonPath("$.items[*].id").findRandom().saveAs("productId")),
			think(),
			Store.send("product page", http("product page").get("/api/catalog/products/#{productId}"), List.of(200),
					jsonPath("$.id").isEL("#{productId}")),
			think(), exec((session) -> session.set("search", pick(SEARCHES))),
			Store.send("search", http("search").get("/api/catalog/products?q=#{search}"), List.of(200),
					jsonPath("$.page").ofInt().is(0)),
			think(), Store.send("next page", http("next page").get("/api/catalog/products?page=1&size=6&sort=-price"),
					List.of(200), jsonPath("$.page").ofInt().is(1), jsonPath("$.size").ofInt().is(6)));

	/** A new account, then logged in with it. */
	static final ChainBuilder SIGN_UP = group(ACCOUNT).on(
			exec((session) -> session.set("email", "load-" + UUID.randomUUID() + "@example.com")),
			Store.send("sign up", http("sign up").post("/api/account/signup")
				.body(StringBody(
						"{\"email\":\"#{email}\",\"password\":\"" + Store.PASSWORD + "\",\"displayName\":\"Load\"}")),
					List.of(201)),
			logIn());

	/** Logged in with one of the accounts {@link Accounts} prepared ({@code email}). */
	static final ChainBuilder LOG_IN = group(ACCOUNT).on(logIn());

	/**
	 * Logged in, reading and changing the cart: each change is checked against the user's
	 * own count, and every read must hold exactly what was added.
	 */
	static final ChainBuilder CARTING = carting(Knobs.CART_CHANGES, Knobs.THINK_TIME);

	/**
	 * Check out the cart with an Idempotency-Key (sent again in a share of journeys: the
	 * same order must come back), follow a pending order until it settles, read the
	 * history, sometimes cancel.
	 */
	static final ChainBuilder CHECKING_OUT = group(CHECKOUT).on(
			exec((session) -> session.set("key", UUID.randomUUID().toString())),
			Store.send("checkout", checkout("checkout"), List.of(201, 202),
					Store.linesAre("order lines match the cart"), jsonPath("$.id").saveAs("orderId"),
					jsonPath("$.status").saveAs("orderStatus")),
			randomSwitch().on(percent(Knobs.REPLAY_PERCENT).then(Store.send("checkout replay",
					checkout("checkout replay"), List.of(200, 201, 202), jsonPath("$.id").isEL("#{orderId}")))),
			exec((session) -> session.set("polls", 0)),
			asLongAs((session) -> session.getString("orderStatus").equals("PENDING")
					&& session.getInt("polls") < Knobs.MAX_POLLS)
				.on(pause(1), exec((session) -> session.set("polls", session.getInt("polls") + 1)),
						Store.send("pending order", http("pending order").get("/api/orders/#{orderId}"), List.of(200),
								jsonPath("$.status").saveAs("orderStatus"))),
			think(),
			Store.send("order history", http("order history").get("/api/orders?size=20"), List.of(200),
					jsonPath("$.items[?(@.id == '#{orderId}')].id").exists()),
			randomSwitch().on(percent(Knobs.CANCEL_PERCENT)
				.then(Store.send("cancel", http("cancel").post("/api/orders/#{orderId}/cancel"), List.of(200, 409)))));

	/** The whole journey: browse a little, sign up, fill the cart, check out. */
	static final ChainBuilder SHOPPING = exec(group(BROWSE)
		.on(Store.send("category page", http("category page").get("/api/catalog/products?category=tea"), List.of(200),
				jsonPath("$.items[*].category").findAll().transform(Set::copyOf).is(Set.of("tea")).name("only tea"))),
			SIGN_UP, CARTING, CHECKING_OUT);

	/**
	 * {@link #CARTING} with its own number of changes and think time, for a run that sets
	 * them itself (the lab's).
	 */
	static ChainBuilder carting(int changes, Duration thinkTime) {
		return group(CART).on(exec((session) -> session.set("cart", Map.of())),
				Store.send("read cart", http("read cart").get("/api/cart"), List.of(200),
						Store.linesAre("cart as left")),
				repeat(changes).on(think(thinkTime), addLine(), think(thinkTime), changeLine(),
						Store.send("read cart", http("read cart").get("/api/cart"), List.of(200),
								Store.linesAre("cart holds what was added"))));
	}

	/** Journeys one after the other, ended by the first step that fails. */
	static ChainBuilder journey(ChainBuilder... steps) {
		return exitBlockOnFail().on(exec(List.of(steps)));
	}

	private static ChainBuilder logIn() {
		return Store.send("log in",
				http("log in").post("/api/session/login")
					.body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + Store.PASSWORD + "\"}")),
				List.of(200));
	}

	/** Adds 1–3 units of a product to what the cart holds of it. */
	private static ChainBuilder addLine() {
		return exec((session) -> {
			String product = pick(Store.PRODUCTS);
			int quantity = ThreadLocalRandom.current().nextInt(1, 4);
			int expected = Store.cart(session).getOrDefault(product, 0) + quantity;
			return Store.withLine(session, product, expected).set("productId", product).set("quantity", quantity);
		}).exec(Store.send("add line", http("add line").post("/api/cart/lines").body(StringBody(Store::line)),
				List.of(200), Store.linesAre("cart after the add")));
	}

	/** Sets the quantity of one of the cart's products. */
	private static ChainBuilder changeLine() {
		return exec((session) -> {
			String product = pick(List.copyOf(Store.cart(session).keySet()));
			int quantity = ThreadLocalRandom.current().nextInt(1, 6);
			return Store.withLine(session, product, quantity).set("productId", product).set("quantity", quantity);
		}).exec(Store.send("change line",
				http("change line").put("/api/cart/lines/#{productId}")
					.body(StringBody((session) -> "{\"quantity\":" + session.getInt("quantity") + "}")),
				List.of(200), Store.linesAre("cart after the change")));
	}

	private static HttpRequestActionBuilder checkout(String name) {
		return http(name).post("/api/orders").header("Idempotency-Key", "#{key}").body(StringBody(Store::checkoutBody));
	}

	private static ChainBuilder think() {
		return think(Knobs.THINK_TIME);
	}

	private static ChainBuilder think(Duration thinkTime) {
		return exec(pause(thinkTime));
	}

	private static <T> T pick(List<T> items) {
		return items.get(ThreadLocalRandom.current().nextInt(items.size()));
	}

}
