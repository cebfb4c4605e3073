package io.statewise.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser as far as session-service can tell: it keeps the {@code SESSION} cookie it
 * was given and sends it back, to whichever instance it talks to. Handled by hand because
 * the cookie is {@code Secure} and tests speak plain HTTP; {@code X-Forwarded-For} stands
 * in for the client address the gateway passes.
 */
public final class Browser {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String address;

	private @Nullable String session;

	public Browser(String address) {
		this.address = address;
	}

	public @Nullable String session() {
		return this.session;
	}

	public void session(@Nullable String session) {
		this.session = session;
	}

	/**
	 * The Redis key of this browser's session: the cookie carries the session id
	 * Base64-encoded, as Spring Session's default does.
	 */
	public String sessionKey() {
		if (this.session == null) {
			throw new IllegalStateException("no session cookie yet");
		}
		return "statewise:session:fenced:"
				+ new String(Base64.getDecoder().decode(this.session), StandardCharsets.UTF_8);
	}

	public Response get(int port, String path) {
		return send(port, path, "GET", null);
	}

	public Response post(int port, String path, @Nullable String json) {
		return send(port, path, "POST", json);
	}

	public Response put(int port, String path, String json) {
		return send(port, path, "PUT", json);
	}

	public Response delete(int port, String path) {
		return send(port, path, "DELETE", null);
	}

	public Response send(int port, String path, String method, @Nullable String json) {
		return send(port, path, method, json, "application/json");
	}

	/** Sends a request with extra headers, given as name, value, name, value... */
	public Response send(int port, String path, String method, @Nullable String json, String contentType,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Forwarded-For", this.address)
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", contentType);
		}
		if (this.session != null) {
			request.header("Cookie", "SESSION=" + this.session);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			List<String> setCookies = new ArrayList<>(response.headers().allValues("Set-Cookie"));
			for (String cookie : setCookies) {
				if (cookie.startsWith("SESSION=")) {
					String value = cookie.substring("SESSION=".length(), cookie.indexOf(';'));
					this.session = value.isEmpty() ? null : value;
				}
			}
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(""), setCookies, response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An answer. */
	public record Response(int status, String contentType, String retryAfter, List<String> setCookies, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public boolean isProblem() {
			return this.contentType.startsWith("application/problem+json");
		}

	}

}
