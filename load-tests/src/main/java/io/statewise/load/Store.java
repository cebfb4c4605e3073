package io.statewise.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.jspecify.annotations.Nullable;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The store's API as the simulations use it: the protocol, a request sent with its
 * accepted statuses (a {@code 429} counted apart, see {@link CountedApart}), and the
 * content checks that compare an answer with what the user did.
 */
final class Store {

	/**
	 * The gateway's own origin on every request: state-changing requests must name it
	 * (its CSRF defence), as the store's pages do.
	 */
	static final HttpProtocolBuilder PROTOCOL = protocol(Knobs.BASE_URL);

	/** The seed catalog: six products in each of six categories. */
	static final List<String> PRODUCTS = Stream.of("BOK", "BRW", "COF", "CUP", "SNK", "TEA")
		.flatMap((category) -> IntStream.rangeClosed(1, 6).mapToObj((i) -> category + "-00" + i))
		.toList();

	static final String PASSWORD = "correct horse battery";

	private static final String STATUS = "status";

	private static final String APART = "apart";

	private static final String SENT = "sent";

	private Store() {
	}

	/** The protocol for a gateway at {@code baseUrl}, its origin on every request. */
	static HttpProtocolBuilder protocol(String baseUrl) {
		return http.baseUrl(baseUrl)
			.originHeader(Knobs.origin(baseUrl))
			.acceptHeader("application/json")
			.contentTypeHeader("application/json")
			.userAgentHeader("statewise-load-tests")
			.disableCaching();
	}

	/**
	 * The request, accepted when answered one of {@code ok} (or a status
	 * {@link CountedApart counted apart}, which ends the journey: what follows depended
	 * on it), its content checks applied to the {@code ok} answers.
	 */
	static ChainBuilder send(String name, HttpRequestActionBuilder request, List<Integer> ok, CheckBuilder... content) {
		List<Integer> accepted = new ArrayList<>(ok);
		accepted.addAll(CountedApart.statuses());
		// the status check's first step also tells ClientSeconds when the answer came: a
		// request that fails a later check still counts, one that gets no answer is the
		// difference between sent and answered
		return exec((session) -> session.remove(STATUS)
			.set(SENT, ClientSeconds.sent(name, String.join("/", session.groups()))))
			.exec(request
				.check(status().transformWithSession((code, session) -> ClientSeconds.answered(session.getLong(SENT),
						name, ok.contains(code), code)))
				.check(status().in(accepted).saveAs(STATUS))
				.checkIf((response, session) -> ok.contains(response.status().code()))
				.then(content))
			.exec((session) -> tally(name, session, ok))
			.exitHereIf((session) -> session.getBoolean(APART));
	}

	private static Session tally(String name, Session session, List<Integer> ok) {
		if (!session.contains(STATUS)) {
			return session.set(APART, false);
		}
		int status = session.getInt(STATUS);
		CountedApart.count(name, status);
		return session.set(APART, !ok.contains(status));
	}

	/** {@code {"productId":"TEA-001","quantity":2}} from the session's attributes. */
	static String line(Session session) {
		return "{\"productId\":\"" + session.getString("productId") + "\",\"quantity\":" + session.getInt("quantity")
				+ "}";
	}

	/** A checkout's body: the lines the user's cart holds. */
	static String checkoutBody(Session session) {
		return cart(session).entrySet()
			.stream()
			.map((line) -> "{\"productId\":\"" + line.getKey() + "\",\"quantity\":" + line.getValue() + "}")
			.collect(Collectors.joining(",", "{\"lines\":[", "]}"));
	}

	/** What the user's cart holds by its own count: product → quantity. */
	static Map<String, Integer> cart(Session session) {
		return session.contains("cart") ? session.get("cart") : Map.of();
	}

	/**
	 * The lines of a cart or an order, as product → quantity, to compare with
	 * {@link #cart(Session)}.
	 */
	static CheckBuilder linesAre(String check) {
		return jsonPath("$.lines[*]").ofMap()
			.findAll()
			.transform(Store::quantities)
			.is((session) -> new TreeMap<>(cart(session)))
			.name(check);
	}

	/** Product → quantity; an empty cart's lines are none at all (null). */
	private static Map<String, Integer> quantities(@Nullable List<Map<String, Object>> lines) {
		Map<String, Integer> quantities = new TreeMap<>();
		if (lines == null) {
			return quantities;
		}
		lines.forEach((line) -> quantities.put(String.valueOf(line.get("productId")),
				((Number) line.get("quantity")).intValue()));
		return quantities;
	}

	/** The cart with one product's quantity set; 0 removes its line. */
	static Session withLine(Session session, String product, int quantity) {
		Map<String, Integer> cart = new LinkedHashMap<>(cart(session));
		if (quantity == 0) {
			cart.remove(product);
		}
		else {
			cart.put(product, quantity);
		}
		return session.set("cart", cart);
	}

}
