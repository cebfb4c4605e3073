package io.statewise.session;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisProbe;
import io.statewise.embedded.test.Datastores;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the Redis commands a typical request costs, from the primary's
 * {@code INFO commandstats} (replication and Sentinel traffic excluded). Commands run
 * inside a script are counted too, so a request's round trips are its {@code evalsha}
 * calls plus any command outside a script. The figures go to docs/benchmarks.md; the test
 * guards the round trips exactly and the commands against a regression to many more.
 */
@SessionTest
class RedisCommandsPerRequestTests {

	private static final Set<String> BACKGROUND = Set.of("ping", "info", "replconf", "publish", "subscribe", "psync",
			"sync", "client|setinfo", "client|setname", "hello", "role", "config|rewrite", "select");

	private static final int REQUESTS = 100;

	@LocalServerPort
	int port;

	@Test
	void typicalRequestsShouldCostFewRedisCommands() throws IOException {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.post(this.port, "/api/session/login", TestUsers.signUp(this.port).json());
		browser.post(this.port, "/api/cart/lines", "{\"productId\":\"TEA-006\",\"quantity\":1}");

		Map<String, Double> read = commandsPer(() -> browser.get(this.port, "/api/cart"));
		Map<String, Double> write = commandsPer(
				() -> browser.put(this.port, "/api/cart/lines/TEA-006", "{\"quantity\":2}"));
		Map<String, Double> introspect = commandsPer(() -> browser.get(this.port, "/internal/session"));

		System.out.printf("Redis commands per request: read cart %s, change cart %s, introspection %s%n", read, write,
				introspect);
		assertThat(read).as("one script: read and record the access").containsEntry("evalsha", 1.0);
		assertThat(write).as("read, then one fenced write").containsEntry("evalsha", 2.0).doesNotContainKey("eval");
		assertThat(total(read)).isLessThanOrEqualTo(4);
		assertThat(total(write)).isLessThanOrEqualTo(12);
		assertThat(introspect).containsOnlyKeys("hgetall").containsEntry("hgetall", 1.0);
	}

	/** The commands each request sent, by name, averaged over {@link #REQUESTS}. */
	private Map<String, Double> commandsPer(Runnable request) throws IOException {
		RedisNode primary = Datastores.embedded("reading the primary's command statistics")
			.redisTopology()
			.currentPrimary()
			.orElseThrow();
		Map<String, Long> before = commands(primary);
		for (int i = 0; i < REQUESTS; i++) {
			request.run();
		}
		Map<String, Double> per = new TreeMap<>();
		commands(primary).forEach((command, calls) -> {
			long sent = calls - before.getOrDefault(command, 0L);
			if (sent > 0) {
				per.put(command, sent / (double) REQUESTS);
			}
		});
		return per;
	}

	private static double total(Map<String, Double> commands) {
		return commands.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	private static Map<String, Long> commands(RedisNode node) throws IOException {
		Map<String, Long> calls = new TreeMap<>();
		for (Map.Entry<String, String> stat : RedisProbe.info(node.port(), "commandstats").entrySet()) {
			String command = stat.getKey().replace("cmdstat_", "");
			if (!BACKGROUND.contains(command)) {
				String count = stat.getValue().split(",")[0];
				calls.put(command, Long.parseLong(count.substring(count.indexOf('=') + 1)));
			}
		}
		return calls;
	}

}
