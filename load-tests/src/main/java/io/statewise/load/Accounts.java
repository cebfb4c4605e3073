package io.statewise.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts signed up before a run, for journeys that log in rather than sign up: a cart
 * run measures sessions, and a sign-up per user would make it measure password hashing.
 */
final class Accounts {

	private static final List<String> EMAILS = new CopyOnWriteArrayList<>();

	private static final AtomicLong NEXT = new AtomicLong();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Accounts() {
	}

	/**
	 * Users get the prepared accounts in turn; read when a user starts, so the feeder can
	 * be built (with the scenario) before {@link #prepare(int)} ran.
	 */
	static Iterator<Map<String, Object>> feeder() {
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public Map<String, Object> next() {
				if (EMAILS.isEmpty()) {
					throw new IllegalStateException("No account prepared: Accounts.prepare runs in before()");
				}
				return Map.of("email", EMAILS.get((int) (NEXT.getAndIncrement() % EMAILS.size())));
			}

		};
	}

	/** Signs up {@code count} new accounts through the gateway, as the store does. */
	static void prepare(int count) {
		prepare(Knobs.BASE_URL, count);
	}

	/** Signs up {@code count} new accounts through the gateway at {@code baseUrl}. */
	static void prepare(String baseUrl, int count) {
		EMAILS.clear();
		for (int i = 0; i < count; i++) {
			String email = "load-account-" + UUID.randomUUID() + "@example.com";
			String body = "{\"email\":\"" + email + "\",\"password\":\"" + Store.PASSWORD
					+ "\",\"displayName\":\"Load\"}";
			HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/account/signup"))
				.header("Content-Type", "application/json")
				.header("Origin", Knobs.origin(baseUrl))
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			HttpResponse<String> answer = send(request);
			if (answer.statusCode() != 201) {
				throw new IllegalStateException("Preparing accounts: sign-up answered " + answer.statusCode() + " "
						+ answer.body() + " (a 429: start the stack for load, docs/load-tests.md)");
			}
			EMAILS.add(email);
		}
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Preparing accounts: no answer from " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
