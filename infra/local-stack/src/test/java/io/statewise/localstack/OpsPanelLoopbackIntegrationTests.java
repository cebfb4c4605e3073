package io.statewise.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.statewise.testkit.TestClients;
import io.statewise.testkit.Answers;
import io.statewise.localstack.LocalStackExtension.Stack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ops panel kills processes with one click, so it must be as private as the control
 * API it calls: on the control port, which listens on loopback alone, and never through
 * the gateway, the one door other machines may be given
 * ({@code --stack.gateway-address}).
 */
@Order(5)
@ExtendWith(LocalStackExtension.class)
class OpsPanelLoopbackIntegrationTests {

	/**
	 * 127.0.0.1 as the kernel writes it in {@code tcp}, and in {@code tcp6} when Java
	 * binds a dual-stack socket to it (::ffff:127.0.0.1), and ::1.
	 */
	private static final Set<String> LOOPBACK = Set.of("0100007F", "0000000000000000FFFF00000100007F",
			"00000000000000000000000001000000");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@ParameterizedTest
	@ValueSource(strings = { "/ops/", "/ops/index.html", "/ops/js/app.js", "/ops/stream", "/ops/timeline.json",
			"/ops/timeline.csv" })
	void thePanelShouldNotBeReachableThroughTheGateway(String path, Stack stack) {
		StoreApi.gateway(stack).get().uri(path).exchange().expectStatus().isNotFound();
		assertThat(stack.get("/components").status()).isEqualTo(200);
	}

	@Test
	void thePanelShouldBeServedOnTheControlPortWithAStrictContentSecurityPolicy(Stack stack) {
		ResponseSpec page = TestClients.to(stack.controlPort()).get().uri("/ops/").exchange();

		page.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					(policy) -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe"));
		assertThat(Answers.body(page)).contains("<title>Statewise ops panel</title>").doesNotContain("<script>");
	}

	// on the JDK's client: the stream never ends, and RestTestClient reads a whole body
	@Test
	void theStreamShouldSendALookAtTheStackWithinTwoSeconds(Stack stack) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + stack.controlPort() + "/ops/stream"))
			.header("Accept", "text/event-stream")
			.build();
		HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = response.body()) {
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			String start = new String(body.readNBytes(200), StandardCharsets.UTF_8);
			assertThat(start).contains("event:stack").contains("\"nodes\"");
		}
	}

	/**
	 * The kernel's table of listening sockets ({@code /proc/net/tcp}, {@code tcp6}): the
	 * control port is bound to the loopback address and nothing else.
	 */
	@Test
	void theControlPortShouldListenOnLoopbackOnly(Stack stack) throws IOException {
		String port = String.format(Locale.ROOT, "%04X", stack.controlPort());

		List<String> listening = listeners(port);

		assertThat(listening).isNotEmpty().allMatch(LOOPBACK::contains);
	}

	private static List<String> listeners(String port) throws IOException {
		return List.of("/proc/net/tcp", "/proc/net/tcp6")
			.stream()
			.flatMap((table) -> lines(Path.of(table)).stream().skip(1))
			.map((line) -> line.strip().split("\\s+"))
			.filter((fields) -> fields[3].equals("0A") && fields[1].endsWith(":" + port))
			.map((fields) -> fields[1].substring(0, fields[1].indexOf(':')))
			.toList();
	}

	private static List<String> lines(Path table) {
		try {
			return Files.exists(table) ? Files.readAllLines(table) : List.of();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
