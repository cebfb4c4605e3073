package io.statewise.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.statewise.testkit.TestIdentity;
import io.statewise.testkit.TestClients;
import tools.jackson.databind.JsonNode;

import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.awaitility.Awaitility.await;

/**
 * What the order tests do to one order-service instance: check out, read and cancel
 * orders as a signed-in user (through a {@code RestTestClient} bound to the instance,
 * docs/adr/0026), and bring the fake inventory back to health between tests.
 */
public final class Shop {

	private final RestTestClient client;

	private final ApplicationContext context;

	public Shop(int port, ApplicationContext context) {
		this.client = TestClients.to(port);
		this.context = context;
	}

	public RestTestClient client() {
		return this.client;
	}

	public ResponseSpec checkout(String user, String key, String cart) {
		return this.client.post()
			.uri("/api/orders")
			.header(TestIdentity.HEADER, TestIdentity.of(user))
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(cart)
			.exchange();
	}

	/** A GET as the user: {@code /api/orders/<id>}, {@code /api/orders?page=1}... */
	public ResponseSpec get(String user, String path) {
		return this.client.get().uri(path).header(TestIdentity.HEADER, TestIdentity.of(user)).exchange();
	}

	public ResponseSpec order(String user, UUID id) {
		return get(user, "/api/orders/" + id);
	}

	public ResponseSpec cancel(String user, UUID id) {
		return this.client.post()
			.uri("/api/orders/{id}/cancel", id)
			.header(TestIdentity.HEADER, TestIdentity.of(user))
			.exchange();
	}

	public String status(String user, UUID id) {
		return json(order(user, id).expectStatus().isOk()).get("status").asString();
	}

	public long orders(String user) {
		return this.context.getBean(JdbcClient.class)
			.sql("SELECT count(*) FROM orders WHERE user_id = ?")
			.param(user)
			.query(Long.class)
			.single();
	}

	/**
	 * Inventory answers again, its circuit is closed and the load balancer lists it: the
	 * state every test starts from, whatever the previous one broke.
	 */
	public void healthyInventory() {
		FakeInventory.get().up();
		this.context.getBean(CircuitBreakerRegistry.class).circuitBreaker("inventory").reset();
		LoadBalancerClient balancer = this.context.getBean(LoadBalancerClient.class);
		await().atMost(Duration.ofSeconds(10)).until(() -> balancer.choose("inventory-service") != null);
	}

	public static String user() {
		return "user-" + UUID.randomUUID();
	}

	public static String key() {
		return UUID.randomUUID().toString();
	}

	public static UUID id(ResponseSpec response) {
		return UUID.fromString(json(response).get("id").asString());
	}

	public static JsonNode json(ResponseSpec response) {
		return response.returnResult(JsonNode.class).getResponseBody();
	}

	/** The body as sent, for comparing answers byte for byte. */
	public static String body(ResponseSpec response) {
		return new String(response.returnResult(byte[].class).getResponseBody(), StandardCharsets.UTF_8);
	}

	public static int status(ResponseSpec response) {
		return response.returnResult().getStatus().value();
	}

}
