package io.statewise.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What must hold after every load run, whatever its latency (ARCHITECTURE.md, "Invariants
 * that tests and load runs check"): stock is consistent on every inventory instance
 * (their {@code /internal/consistency}), every accepted order settled ({@code CONFIRMED},
 * {@code REJECTED} or {@code CANCELLED}, its stock released), and no Idempotency-Key made
 * two orders. The last two read the orders database itself: the API shows a user only
 * their own orders, and a load run has thousands of users. One checker, for the smoke
 * test in {@code ./mvnw verify} and for a user's own run ({@code after()} of every
 * simulation).
 */
public final class LoadInvariants {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<URI> inventories;

	private final String ordersJdbcUrl;

	LoadInvariants(List<URI> inventories, String ordersJdbcUrl) {
		this.inventories = List.copyOf(inventories);
		this.ordersJdbcUrl = ordersJdbcUrl;
	}

	/**
	 * Finds the running inventory instances and PostgreSQL through the local stack's
	 * control API ({@code GET /components}).
	 */
	public static LoadInvariants atControlApi(String controlUrl) {
		List<URI> inventories = new ArrayList<>();
		String postgres = null;
		for (JsonNode component : JSON.readTree(get(URI.create(controlUrl + "/components")).body())) {
			String name = component.get("name").asString();
			if (name.startsWith("inventory-service-") && component.get("state").asString().equals("RUNNING")) {
				inventories.add(URI.create(component.get("url").asString() + "/internal/consistency"));
			}
			if (name.equals("postgres")) {
				postgres = component.get("url").asString();
			}
		}
		if (inventories.isEmpty() || postgres == null) {
			throw new IllegalStateException("The control API at " + controlUrl
					+ " lists no running inventory instance or no PostgreSQL: cannot check the invariants");
		}
		return new LoadInvariants(inventories, "jdbc:" + postgres + "/orders");
	}

	/**
	 * Checks every invariant, waiting up to {@code settle} for pending orders to settle;
	 * throws one error naming every one that broke.
	 */
	public void check(Duration settle) {
		List<String> broken = new ArrayList<>();
		broken.addAll(everyOrderSettles(settle));
		broken.addAll(oneOrderPerKey());
		broken.addAll(stockIsConsistent());
		if (!broken.isEmpty()) {
			throw new IllegalStateException("Invariants broken after the load run: " + String.join("; ", broken));
		}
		System.out.printf("load: invariants hold: every order settled, one order per key, stock consistent on %d"
				+ " inventory instances%n", this.inventories.size());
	}

	private List<String> everyOrderSettles(Duration settle) {
		String unsettled = "SELECT count(*) FROM orders WHERE status = 'PENDING' OR release_pending";
		try {
			Awaitility.await().atMost(settle).pollInterval(Duration.ofSeconds(1)).until(() -> count(unsettled) == 0);
			return List.of();
		}
		catch (ConditionTimeoutException ex) {
			return List.of(count(unsettled) + " orders still PENDING or with stock to release after " + settle);
		}
	}

	private List<String> oneOrderPerKey() {
		long duplicated = count("SELECT count(*) FROM (SELECT user_id, idempotency_key FROM orders"
				+ " GROUP BY user_id, idempotency_key HAVING count(*) > 1) AS keys");
		return (duplicated == 0) ? List.of() : List.of(duplicated + " Idempotency-Keys made more than one order");
	}

	private List<String> stockIsConsistent() {
		List<String> broken = new ArrayList<>();
		for (URI inventory : this.inventories) {
			HttpResponse<String> answer = get(inventory);
			if (answer.statusCode() != 200 || !JSON.readTree(answer.body()).path("consistent").asBoolean(false)) {
				broken.add("stock not consistent at " + inventory + ": " + answer.statusCode() + " " + answer.body());
			}
		}
		return broken;
	}

	private long count(String sql) {
		try (Connection connection = DriverManager.getConnection(this.ordersJdbcUrl, "postgres", "postgres");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the orders database at " + this.ordersJdbcUrl, ex);
		}
	}

	private static HttpResponse<String> get(URI uri) {
		try {
			return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("No answer from " + uri, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
