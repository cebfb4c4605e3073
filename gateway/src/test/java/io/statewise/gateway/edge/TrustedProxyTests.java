package io.statewise.gateway.edge;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.statewise.gateway.system.GatewayProperties;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose address a request counts as (rate limits, the introspection budget, login
 * throttling): the connection's, or, from a trusted proxy, the right-most untrusted entry
 * of its {@code X-Forwarded-For}. RoutingTests shows the header ignored end to end from
 * an untrusted client.
 */
class TrustedProxyTests {

	private static final String INGRESS = "10\\.0\\.0\\.\\d+";

	@Test
	void forwardedForFromAnUntrustedPeerShouldBeIgnored() {
		ServerHttpRequest seen = filter(INGRESS, "203.0.113.50", "198.51.100.7");
		assertThat(address(seen)).isEqualTo("203.0.113.50");
		assertThat(seen.getHeaders().get("X-Forwarded-For")).isNull();
	}

	@Test
	void theClientOfATrustedProxyShouldBeTheAddressTheProxyAppended() {
		// the left-most entry is whatever the client sent: a client cannot choose its
		// budget
		ServerHttpRequest seen = filter(INGRESS, "10.0.0.4", "192.0.2.1, 198.51.100.7");
		assertThat(address(seen)).isEqualTo("198.51.100.7");
		assertThat(seen.getHeaders().get("X-Forwarded-For")).isNull();
	}

	@Test
	void trustedProxiesInAChainShouldBeSkipped() {
		assertThat(address(filter(INGRESS, "10.0.0.4", "192.0.2.1, 198.51.100.7, 10.0.0.9, 10.0.0.8")))
			.isEqualTo("198.51.100.7");
		assertThat(address(filter(INGRESS, "10.0.0.4", "2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
		assertThat(address(filter(INGRESS, "10.0.0.4", "[2001:db8::8]"))).isEqualTo("2001:db8:0:0:0:0:0:8");
	}

	@Test
	void anythingButAnAddressWhereTheWalkStopsShouldLeaveTheProxysAddress() {
		// never a DNS lookup for a name a client wrote
		assertThat(address(filter(INGRESS, "10.0.0.4", "localhost"))).isEqualTo("10.0.0.4");
		assertThat(address(filter(INGRESS, "10.0.0.4", "198.51.100.7, unknown"))).isEqualTo("10.0.0.4");
		assertThat(address(filter(INGRESS, "10.0.0.4", ""))).isEqualTo("10.0.0.4");
		assertThat(address(filter(INGRESS, "10.0.0.4", null))).isEqualTo("10.0.0.4");
	}

	@Test
	void withoutTrustedProxiesEveryForwardedForShouldBeIgnored() {
		assertThat(address(filter("", "10.0.0.4", "198.51.100.7"))).isEqualTo("10.0.0.4");
	}

	private static ServerHttpRequest filter(String trustedProxies, String peer, String forwardedFor) {
		GatewayProperties properties = new Binder(
				new MapConfigurationPropertySource(Map.of("statewise.gateway.trusted-proxies", trustedProxies)))
			.bindOrCreate("statewise.gateway", GatewayProperties.class);
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/catalog/products")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		AtomicReference<ServerHttpRequest> seen = new AtomicReference<>();
		new InboundHeadersFilter(properties).filter(MockServerWebExchange.from(request), (exchange) -> {
			seen.set(exchange.getRequest());
			return Mono.empty();
		}).block(Duration.ofSeconds(5));
		return seen.get();
	}

	private static String address(ServerHttpRequest request) {
		return request.getRemoteAddress().getAddress().getHostAddress();
	}

}
