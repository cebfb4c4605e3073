package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user E7's signed-in variant asks as: signed up and logged in through the stack's own
 * gateway, as the store's users are (so E7's gateway under measurement spends nothing on
 * it), and known by the account the login answered and the session cookie it set.
 *
 * @param id the account's id, the subject of its signed identity
 * @param roles the account's roles
 * @param session the {@code SESSION} cookie's value
 */
record SignedInUser(String id, List<String> roles, String session) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PASSWORD = "correct horse battery";

	/** {@code count} new users, one after another (BCrypt is the cost either way). */
	static List<SignedInUser> signUp(URI gateway, int count) {
		List<SignedInUser> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(signUp(gateway));
		}
		return users;
	}

	private static SignedInUser signUp(URI gateway) {
		CookieManager cookies = new CookieManager();
		HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(2)).build();
		String email = "lab-door-" + UUID.randomUUID() + "@example.com";
		post(http, gateway, "/api/account/signup", 201,
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Lab door\"}");
		JsonNode account = JSON.readTree(post(http, gateway, "/api/session/login", 200,
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
		List<String> roles = new ArrayList<>();
		account.path("roles").forEach((role) -> roles.add(role.asString()));
		String session = cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("SESSION"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("The login set no SESSION cookie"));
		return new SignedInUser(account.path("id").asString(), List.copyOf(roles), session);
	}

	private static String post(HttpClient http, URI gateway, String path, int expected, String json) {
		try {
			HttpResponse<String> answer = http.send(HttpRequest.newBuilder(gateway.resolve(path))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != expected) {
				throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ", not "
						+ expected + ": " + answer.body());
			}
			return answer.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer to POST " + path + " from " + gateway, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while signing up", ex);
		}
	}

}
