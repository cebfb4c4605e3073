package io.statewise.inventory.catalog;

import java.util.Map;
import java.util.TreeMap;

import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisTopology;
import io.statewise.inventory.InventoryTest;
import io.statewise.testkit.Datastores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis primary freezes (SIGSTOP) under the catalog cache. Protects the AP catalog
 * (docs/adr/0004): every read is still answered, from PostgreSQL while the cache does not
 * answer, and caching resumes on the promoted replica without a restart (docs/adr/0007).
 */
@InventoryTest
class RedisPrimaryFrozenIntegrationTests {

	@Autowired
	RestTestClient client;

	RedisNode frozen;

	@AfterEach
	void thawAndAwaitTheOldPrimaryAsReplica() {
		if (this.frozen != null) {
			Datastores.embedded("thawing Redis").redisTopology().rejoinAsReplica(this.frozen);
		}
	}

	@Test
	void catalogShouldAnswerEveryReadAndCacheAgainOnThePromotedReplica() {
		RedisTopology topology = Datastores.embedded("freezing the Redis primary").redisTopology();
		this.frozen = topology.currentPrimary().orElseThrow();
		this.frozen.freeze();
		long frozenAt = System.nanoTime();
		Map<String, Integer> answers = new TreeMap<>();
		long hitsSince = 0;
		while (System.nanoTime() - frozenAt < 40_000_000_000L) {
			String cacheStatus = this.client.get()
				.uri("/api/catalog/products/TEA-001")
				.exchange()
				.expectStatus()
				.isOk()
				.returnResult()
				.getResponseHeaders()
				.getFirst("Cache-Status");
			boolean hit = cacheStatus.contains("; hit")
					&& topology.currentPrimary().filter((node) -> node != this.frozen).isPresent();
			answers.merge(hit ? "hit on the new primary" : "from PostgreSQL", 1, Integer::sum);
			hitsSince = hit ? ((hitsSince == 0) ? System.nanoTime() : hitsSince) : 0;
			if (hitsSince != 0 && System.nanoTime() - hitsSince > 2_000_000_000L) {
				break;
			}
		}
		System.out.printf("Redis primary frozen under the catalog cache: cached again after %d ms; answers %s%n",
				(hitsSince - frozenAt) / 1_000_000, answers);
		assertThat(hitsSince).as("the cache answers again while the old primary is still frozen").isNotZero();
	}

}
