package io.statewise.inventory;

import java.time.Duration;

import io.statewise.embedded.PostgresServer;
import io.statewise.testkit.Datastores;
import io.statewise.testkit.Http;
import io.statewise.testkit.Http.Response;
import io.statewise.testkit.RealDatastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
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
class StrictCatalogTests {

	@LocalServerPort
	int port;

	PostgresServer postgres;

	@AfterEach
	void postgresBack() {
		if (this.postgres != null) {
			this.postgres.start();
		}
	}

	@Test
	void strictCatalogShouldRefuseWhatItWouldOtherwiseServeStale() {
		Http http = new Http(this.port);
		// cached by a read while PostgreSQL answers (from a healthy start: an earlier
		// outage's connections may still be in the pool)
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get("/api/catalog/products?category=cup").status() == 200);
		this.postgres = Datastores.embedded("stopping PostgreSQL").postgres();

		this.postgres.stop();
		Response refused = http.get("/api/catalog/products?category=cup");

		assertThat(refused.status()).as(refused.body()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isEqualTo("1");
	}

}
