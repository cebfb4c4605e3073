package io.statewise.inventory;

import io.statewise.testkit.Lines;
import io.statewise.testkit.TestIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** The writes inventory's tests send, each spelled once. */
public final class InventoryRequests {

	private InventoryRequests() {
	}

	/** The path of an order's reservation: {@code /internal/reservations/<orderId>}. */
	public static String reservation(Object orderId) {
		return "/internal/reservations/" + orderId;
	}

	/** Reserves the {@link Lines#lines lines} under a reservation path. */
	public static ResponseSpec reserve(RestTestClient client, String reservation, String lines) {
		return client.put().uri(reservation).contentType(MediaType.APPLICATION_JSON).body(lines).exchange();
	}

	/**
	 * Adds units, signed by {@code identity} (none if null), under {@code key} (none if
	 * null).
	 */
	public static ResponseSpec restock(RestTestClient client, String product, int quantity, @Nullable String identity,
			@Nullable String key) {
		return client.post().uri("/api/catalog/products/{id}/restock", product).headers((headers) -> {
			if (identity != null) {
				headers.set(TestIdentity.HEADER, identity);
			}
			if (key != null) {
				headers.set("Idempotency-Key", key);
			}
		}).contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":" + quantity + "}").exchange();
	}

	/** An administrator's identity, signed now: an identity is valid for a minute. */
	public static String admin() {
		return TestIdentity.of("an-admin", "admin");
	}

}
