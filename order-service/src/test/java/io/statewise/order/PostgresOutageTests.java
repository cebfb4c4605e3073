package io.statewise.order;

import java.time.Duration;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.EmbeddedDatastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static io.statewise.testkit.Lines.lines;
import static io.statewise.order.Shop.key;
import static io.statewise.order.Shop.user;
import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops while the store runs. Protects the CP choice for orders: checkout is
 * refused with 503 and {@code Retry-After}, nothing is half-written, and the same request
 * succeeds, once, when PostgreSQL is back.
 */
@OrderTest
class PostgresOutageTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	PostgresServer postgres;

	Shop shop;

	@BeforeEach
	void embeddedPostgresOnly() {
		assumeThat(Datastores.shared()).as("stopping PostgreSQL needs the embedded backend")
			.isInstanceOf(EmbeddedDatastores.class);
		this.postgres = ((EmbeddedDatastores) Datastores.shared()).postgres();
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@AfterEach
	void postgresBack() {
		if (this.postgres != null) {
			this.postgres.start();
		}
	}

	@Test
	void outageShouldRefuseCheckoutWith503AndTheSameRequestShouldSucceedOnceItIsBack() {
		String user = user();
		String key = key();
		String cup = FakeInventory.get().product(10);
		this.postgres.stop();

		expectProblem(this.shop.checkout(user, key, lines(cup, 1)).expectHeader().valueEquals("Retry-After", "1"), 503)
			.jsonPath("$.instance")
			.isEqualTo("/api/orders");
		expectProblem(this.shop.get(user, "/api/orders"), 503);
		this.postgres.start();
		// HikariCP backs off while the server is away: the first queries may still fail
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(this.shop.orders(user)).as("nothing half-written").isZero());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Shop.status(this.shop.checkout(user, key, lines(cup, 1))) == 201);
		assertThat(this.shop.orders(user)).isOne();
		assertThat(FakeInventory.get().available(cup)).isEqualTo(9);
	}

}
