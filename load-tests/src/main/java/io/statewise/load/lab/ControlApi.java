package io.statewise.load.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's control API as the lab uses it: the components with their PIDs and
 * roles, an action on one of them, a reset (docs/ops-panel.md, ControlController).
 */
final class ControlApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String url;

	ControlApi(String url) {
		this.url = url.replaceAll("/+$", "");
	}

	String url() {
		return this.url;
	}

	/** Every component as the control API sees it now. */
	List<Component> components() {
		List<Component> components = new ArrayList<>();
		for (JsonNode node : JSON.readTree(send("GET", "/components", Duration.ofSeconds(5)).body())) {
			components.add(new Component(node.path("name").asString(), node.path("kind").asString(),
					node.path("url").asString(),
					node.path("managementPort").isNumber() ? node.path("managementPort").asInt() : null,
					node.path("pid").isNumber() ? node.path("pid").asLong() : null, node.path("state").asString(),
					node.path("health").asString(), node.path("role").asString()));
		}
		return components;
	}

	/** {@code POST /components/{name}/{action}}; returns once the action is done. */
	void act(String component, String action) {
		HttpResponse<String> answer = send("POST", "/components/" + component + "/" + action, Duration.ofMinutes(3));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException(
					action + " " + component + " answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	/** Thaws, starts, and waits until the whole stack is ready again. */
	void reset() {
		HttpResponse<String> answer = send("POST", "/stack/reset", Duration.ofMinutes(5));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("The stack's reset answered " + answer.statusCode() + ": " + answer.body());
		}
	}

	/**
	 * The component's own name for an alias of the control API ({@code redis-primary},
	 * {@code redis-replica}: the data node in that role now); other names unchanged.
	 */
	String resolve(String name) {
		if (!name.equals("redis-primary") && !name.equals("redis-replica")) {
			return name;
		}
		String role = name.substring("redis-".length());
		return components().stream()
			.filter((component) -> component.kind().equals("REDIS") && component.role().equals(role))
			.map(Component::name)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No Redis node is " + role + " now"));
	}

	/** Where session-service keeps sessions: {@code redis} or {@code memory}. */
	String sessionMode() {
		return components().stream()
			.filter((component) -> component.name().startsWith("session-service-"))
			.map(Component::role)
			.filter((role) -> role.startsWith("sessions in "))
			.map((role) -> role.substring("sessions in ".length()))
			.findFirst()
			.orElse("redis");
	}

	HttpResponse<String> send(String method, String path, Duration timeout) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create(this.url + path))
				.timeout(timeout)
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No answer from the control API at " + this.url + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A component: its state ({@code RUNNING}, {@code FROZEN}, {@code STOPPED}) and role;
	 * a service's management port.
	 */
	record Component(String name, String kind, String url, @Nullable Integer managementPort, @Nullable Long pid,
			String state, String health, String role) {

		boolean answers() {
			return this.state.equals("RUNNING");
		}

		int port() {
			return Integer.parseInt(this.url.substring(this.url.lastIndexOf(':') + 1).replaceAll("/.*", ""));
		}

	}

}
