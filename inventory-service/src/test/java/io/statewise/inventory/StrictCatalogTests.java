package io.statewise.inventory;

import java.time.Duration;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The strict catalog ({@code statewise.catalog.cache.serve-stale=false}, the lab's E4):
 * with PostgreSQL stopped, an entry the cache holds but past {@code fresh-for} is refused
 * with 503, as orders are, instead of served stale.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "statewise.catalog.cache.fresh-for=0s",
				"statewise.catalog.cache.serve-stale=false" })
@RealDatastores(database = "inventory")
@AutoConfigureRestTestClient
class StrictCatalogTests {

	@Autowired
	RestTestClient client;

	PostgresServer postgres;

	@AfterEach
	void postgresBack() {
		if (this.postgres != null) {
			this.postgres.start();
		}
	}

	@Test
	void strictCatalogShouldRefuseWhatItWouldOtherwiseServeStale() {
		// cached by a read while PostgreSQL answers (from a healthy start: an earlier
		// outage's connections may still be in the pool)
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> cups().expectStatus().isOk());
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();

		this.postgres.stop();

		cups().expectStatus().isEqualTo(503).expectHeader().valueEquals("Retry-After", "1");
	}

	private RestTestClient.ResponseSpec cups() {
		return this.client.get().uri("/api/catalog/products?category=cup").exchange();
	}

}
