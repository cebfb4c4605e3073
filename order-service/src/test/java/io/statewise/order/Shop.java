package io.statewise.order;

import java.time.Duration;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.TestIdentity;

import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.awaitility.Awaitility.await;

/**
 * What the order tests do to one order-service instance: check out, read orders, and
 * bring the fake inventory back to health between tests.
 */
public final class Shop {

	private final Http http;

	private final ApplicationContext context;

	public Shop(int port, ApplicationContext context) {
		this.http = new Http(port);
		this.context = context;
	}

	public Http http() {
		return this.http;
	}

	public Response checkout(String user, String key, String cart) {
		return this.http.post("/api/orders", cart, TestIdentity.HEADER, TestIdentity.of(user), "Idempotency-Key", key);
	}

	public Response order(String user, UUID id) {
		return this.http.get("/api/orders/" + id, TestIdentity.HEADER, TestIdentity.of(user));
	}

	public String status(String user, UUID id) {
		return order(user, id).json().get("status").asString();
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

	public static UUID id(Response response) {
		return UUID.fromString(response.json().get("id").asString());
	}

}
