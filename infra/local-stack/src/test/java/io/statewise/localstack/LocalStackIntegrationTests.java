package io.statewise.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.statewise.localstack.LocalStackExtension.Response;
import io.statewise.localstack.LocalStackExtension.Stack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@Order(1)
@ExtendWith(LocalStackExtension.class)
class LocalStackIntegrationTests {

	@Test
	void everyComponentShouldBeRunningAndHealthy(Stack stack) {
		Response response = stack.get("/components");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body().valueStream().map((component) -> component.get("name").asString())).containsExactly(
				"postgres", "redis-1", "redis-2", "sentinel-1", "sentinel-2", "sentinel-3", "inventory-service-1",
				"inventory-service-2", "session-service-1", "session-service-2", "order-service-1", "order-service-2",
				"gateway");
		assertThat(response.body().valueStream()).allSatisfy(
				(component) -> assertThat(component.get("health").asString()).as(component.toString()).isEqualTo("UP"));
	}

	@Test
	void redisRolesShouldBeOnePrimaryAndOneReplica(Stack stack) {
		assertThat(stack.get("/components/redis-primary").body().get("role").asString()).isEqualTo("primary");
		assertThat(stack.get("/components/redis-replica").body().get("role").asString()).isEqualTo("replica");
	}

	@Test
	void killedInstanceShouldShowDownAndBeReadyAgainAfterStart(Stack stack) {
		JsonNode before = stack.get("/components/order-service-2").body();
		long pid = before.get("pid").asLong();

		JsonNode killed = stack.post("/components/order-service-2/kill").body();

		assertThat(killed.get("health").asString()).isEqualTo("DOWN");
		assertThat(stack.get("/components/order-service-2").body().get("state").asString()).isEqualTo("STOPPED");
		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
		assertThat(accepts(before.get("managementPort").asInt())).isFalse();

		JsonNode started = stack.post("/components/order-service-2/start").body();

		assertThat(started.get("health").asString()).isEqualTo("UP");
		assertThat(started.get("pid").asLong()).isNotEqualTo(pid);
	}

	@Test
	void frozenInstanceShouldShowFrozenAndAnswerAgainAfterThaw(Stack stack) throws IOException {
		JsonNode frozen = stack.post("/components/inventory-service-2/freeze").body();

		assertThat(frozen.get("state").asString()).isEqualTo("FROZEN");
		assertThat(threadStates(frozen.get("pid").asLong())).as("what the kernel reports").containsOnly('T');
		assertThat(frozen.get("health").asString()).isEqualTo("DOWN");
		assertThat(stack.get("/components").body().valueStream())
			.filteredOn((component) -> component.get("state").asString().equals("FROZEN"))
			.singleElement()
			.satisfies((component) -> assertThat(component.get("name").asString()).isEqualTo("inventory-service-2"));

		JsonNode thawed = stack.post("/components/inventory-service-2/thaw").body();

		assertThat(thawed.get("state").asString()).isEqualTo("RUNNING");
		assertThat(threadStates(thawed.get("pid").asLong())).doesNotContain('T');
		assertThat(thawed.get("health").asString()).isEqualTo("UP");
		assertThat(thawed.get("pid").asLong()).isEqualTo(frozen.get("pid").asLong());
	}

	@Test
	void unknownComponentShouldAnswerProblemJson(Stack stack) {
		Response response = stack.post("/components/no-such-thing/kill");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("detail").asString()).contains("no-such-thing");
	}

	@Test
	void unknownActionShouldAnswerProblemJsonAndLeaveTheComponentAlone(Stack stack) {
		Response response = stack.post("/components/postgres/explode");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body().get("detail").asString()).contains("explode", "freeze");
		assertThat(stack.get("/components/postgres").body().get("state").asString()).isEqualTo("RUNNING");
	}

	/**
	 * The state letter of every thread of a process, from
	 * {@code /proc/<pid>/task/<tid>/stat}: {@code T} when stopped by a signal.
	 */
	private static List<Character> threadStates(long pid) throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
			return tasks.map((task) -> {
				try {
					String stat = Files.readString(task.resolve("stat"));
					return stat.charAt(stat.lastIndexOf(')') + 2);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).toList();
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
