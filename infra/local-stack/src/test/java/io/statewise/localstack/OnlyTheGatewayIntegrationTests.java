package io.statewise.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import io.statewise.testkit.TestClients;
import io.statewise.localstack.LocalStackExtension.Stack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the gateway is a door (issue 18): every port the stack opens listens on loopback,
 * and the control API refuses a request that a web page could have sent it.
 */
@Order(1)
@ExtendWith(LocalStackExtension.class)
class OnlyTheGatewayIntegrationTests {

	@Test
	void everyServiceManagementPortAndDatastoreShouldListenOnLoopbackOnly(Stack stack) throws IOException {
		int offset = stack.portOffset();
		List<Integer> ports = IntStream
			.of(8080, 8081, 8082, 8083, 8181, 8182, 8183, 9080, 9081, 9082, 9083, 9181, 9182, 9183, 15432, 16379, 16380,
					26379, 26380, 26381)
			.map((port) -> port + offset)
			.boxed()
			.toList();
		Map<Integer, String> listening = listeningAddresses();

		assertThat(listening).as("every component listens").containsKeys(ports.toArray(Integer[]::new));
		ports.forEach((port) -> assertThat(listening.get(port)).as("port " + port).isEqualTo("127.0.0.1"));
	}

	@Test
	void theControlApiShouldRefuseACrossSiteRequestAndLeaveTheStackAlone(Stack stack) {
		ResponseSpec refused = TestClients.to(stack.controlPort())
			.post()
			.uri("/components/order-service-2/freeze")
			.header("Origin", "http://evil.example")
			.contentType(MediaType.APPLICATION_JSON)
			.body("")
			.exchange();

		expectProblem(refused, 403);
		assertThat(stack.get("/components/order-service-2").body().get("state").asString()).isEqualTo("RUNNING");
	}

	@Test
	void theControlApiShouldRefuseARequestForAnotherHostAsDnsRebindingWouldSend(Stack stack) throws IOException {
		String rebound = rawGet(stack.controlPort(), "evil.example:" + stack.controlPort());
		String own = rawGet(stack.controlPort(), "localhost:" + stack.controlPort());

		assertThat(rebound).startsWith("HTTP/1.1 403");
		assertThat(own).startsWith("HTTP/1.1 200");
	}

	private static String rawGet(int port, String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /components HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * Listening TCP sockets by port, with the address they are bound to, from the
	 * kernel's tables (IPv4 and IPv6; a socket bound to every interface shows as
	 * {@code 0.0.0.0} or {@code ::}).
	 */
	private static Map<Integer, String> listeningAddresses() throws IOException {
		Map<Integer, String> listening = new TreeMap<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			// read once: the table changes between two reads, and so would its length
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.trim().split("\\s+");
				if (!fields[3].equals("0A")) {
					continue;
				}
				String[] local = fields[1].split(":");
				int port = Integer.parseInt(local[1], 16);
				String address = address(local[0]);
				// a port bound to several addresses: keep the widest, the one that
				// matters
				listening.merge(port, address, (a, b) -> a.equals("127.0.0.1") ? b : a);
			}
		}
		return listening;
	}

	private static String address(String hex) {
		if (hex.equals("0100007F")) {
			return "127.0.0.1";
		}
		// ::1, and ::ffff:127.0.0.1 (an IPv6 socket bound to 127.0.0.1: Netty's)
		if (hex.equals("00000000000000000000000001000000") || hex.equals("0000000000000000FFFF00000100007F")) {
			return "127.0.0.1";
		}
		if (hex.chars().allMatch((c) -> c == '0')) {
			return "any";
		}
		return hex;
	}

}
