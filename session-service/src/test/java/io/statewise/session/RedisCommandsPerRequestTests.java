package io.statewise.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisProbe;
import io.statewise.testkit.Datastores;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the Redis commands a typical request costs, from the primary's
 * {@code INFO commandstats} (replication and Sentinel traffic excluded). Commands run
 * inside a script are counted too, so a request's round trips are its {@code evalsha}
 * calls plus any command outside a script. The figures go to docs/benchmarks.md; the test
 * guards the round trips exactly, that a read writes nothing while its session's life was
 * extended recently, and the commands against a regression to more.
 */
@SessionTest
class RedisCommandsPerRequestTests {

	private static final Set<String> BACKGROUND = Set.of("ping", "info", "replconf", "publish", "subscribe", "psync",
			"sync", "client|setinfo", "client|setname", "hello", "role", "config|rewrite", "select");

	private static final int REQUESTS = 100;

	@LocalServerPort
	int port;

	@Test
	void typicalRequestsShouldCostFewRedisCommands() {
		Browser browser = loggedInWithACartLine(this.port);

		Map<String, Double> read = commandsPer(() -> browser.cart(this.port));
		Map<String, Double> write = commandsPer(() -> changeLine(browser, this.port));
		Map<String, Double> introspect = commandsPer(() -> browser.introspect(this.port));

		System.out.printf("Redis commands per request: read cart %s, change cart %s, introspection %s%n", read, write,
				introspect);
		assertThat(read).as("one script that only reads: the session's life was extended moments ago")
			.containsOnlyKeys("evalsha", "hgetall")
			.containsEntry("evalsha", 1.0)
			.containsEntry("hgetall", 1.0);
		assertThat(write).as("read, then one fenced write that leaves the TTL alone")
			.containsEntry("evalsha", 2.0)
			.containsEntry("hset", 1.0)
			.doesNotContainKeys("eval", "pexpire", "exists", "hget");
		assertThat(total(write)).isLessThanOrEqualTo(6);
		assertThat(introspect).containsOnlyKeys("hgetall").containsEntry("hgetall", 1.0);
	}

	/**
	 * What a read costs when it extends the session's life: every read, with a refresh
	 * fraction of 0 (the behaviour before 2026-12-02); once per tenth of the timeout by
	 * default.
	 */
	@Test
	void aReadThatExtendsTheSessionShouldStillBeOneRoundTrip() {
		Instances.with("statewise.session.refresh-fraction=0", (port) -> {
			Browser browser = loggedInWithACartLine(port);

			Map<String, Double> read = commandsPer(() -> browser.cart(port));

			System.out.printf("Redis commands per request: read cart extending the session %s%n", read);
			assertThat(read).containsOnlyKeys("evalsha", "hgetall", "hset", "pexpire")
				.containsEntry("evalsha", 1.0)
				.containsEntry("pexpire", 1.0);
		});
	}

	/**
	 * Durable mode waits for a replica after every write that changed the session, and
	 * never after a read that wrote nothing.
	 */
	@Test
	void durableModeShouldWaitForAReplicaAfterWritesOnly() {
		Instances.with("statewise.session.durable=true", (port) -> {
			Browser browser = loggedInWithACartLine(port);

			Map<String, Double> read = commandsPer(() -> browser.cart(port));
			Map<String, Double> write = commandsPer(() -> changeLine(browser, port));

			System.out.printf("Redis commands per request, durable mode: read cart %s, change cart %s%n", read, write);
			assertThat(read).containsOnlyKeys("evalsha", "hgetall");
			assertThat(write).containsEntry("wait", 1.0).containsEntry("eval", 1.0).containsEntry("evalsha", 1.0);
		});
	}

	private Browser loggedInWithACartLine(int port) {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.login(port, TestUsers.signUp(this.port).json()).expectStatus().isOk();
		browser.addLine(port, "TEA-006", 1).expectStatus().isOk();
		return browser;
	}

	private static ResponseSpec changeLine(Browser browser, int port) {
		return browser.put(port, "/api/cart/lines/TEA-006", "{\"quantity\":2}");
	}

	/**
	 * The commands each request sent, by name, averaged over {@link #REQUESTS}; every
	 * request must be answered 200.
	 */
	private Map<String, Double> commandsPer(Supplier<ResponseSpec> request) {
		RedisNode primary = Datastores.embedded("reading the primary's command statistics")
			.redisTopology()
			.currentPrimary()
			.orElseThrow();
		Map<String, Long> before = commands(primary);
		for (int i = 0; i < REQUESTS; i++) {
			request.get().expectStatus().isOk();
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

	private static Map<String, Long> commands(RedisNode node) {
		Map<String, String> stats;
		try {
			stats = RedisProbe.info(node.port(), "commandstats");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Long> calls = new TreeMap<>();
		for (Map.Entry<String, String> stat : stats.entrySet()) {
			String command = stat.getKey().replace("cmdstat_", "");
			if (!BACKGROUND.contains(command)) {
				String count = stat.getValue().split(",")[0];
				calls.put(command, Long.parseLong(count.substring(count.indexOf('=') + 1)));
			}
		}
		return calls;
	}

}
