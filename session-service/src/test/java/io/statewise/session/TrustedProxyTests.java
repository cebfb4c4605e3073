package io.statewise.session;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * session-service counts failed logins per client address, and learns the address from
 * the gateway's {@code X-Forwarded-For}. Tomcat takes that header only from the gateway
 * ({@code server.tomcat.remoteip.internal-proxies}, loopback by default): a client that
 * reaches the service from anywhere else cannot pose as many addresses to escape the
 * per-address limit. 127.0.0.7 stands in for "anywhere else" (all of 127/8 is loopback on
 * Linux, but only 127.0.0.1 is trusted).
 */
@SessionTest
class TrustedProxyTests {

	private static final int PER_ADDRESS = 20;

	@LocalServerPort
	int port;

	@Test
	void forwardedForFromAnUntrustedPeerShouldBeIgnored() throws IOException {
		List<String> statuses = new ArrayList<>();
		for (int i = 0; i <= PER_ADDRESS; i++) {
			statuses.add(wrongLoginFrom127007(TestUsers.randomAddress()));
		}

		assertThat(statuses.subList(0, PER_ADDRESS)).as("wrong passwords").containsOnly("401");
		assertThat(statuses.get(PER_ADDRESS)).as("the same address, whatever it claimed").isEqualTo("429");
	}

	/** A wrong login for a new email, sent from 127.0.0.7, claiming another address. */
	private String wrongLoginFrom127007(String claimedAddress) throws IOException {
		String body = "{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"password\":\"wrong password!\"}";
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.7"), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/session/login HTTP/1.1\r\nHost: 127.0.0.1:" + this.port
					+ "\r\nContent-Type: application/json\r\nX-Forwarded-For: " + claimedAddress
					+ "\r\nConnection: close\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
					+ "\r\n\r\n" + body)
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			return answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3);
		}
	}

}
