package io.statewise.gateway.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.statewise.gateway.system.GatewayProperties;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Identity enters only through the gateway: every inbound {@code X-User-*} and
 * {@code X-Statewise-*} header (a signed identity, a deadline) is dropped before anything
 * else sees the request, and so are client-supplied
 * {@code Forwarded}/{@code X-Forwarded-*} headers; {@code X-Forwarded-For} is set to the
 * client's address (session-service throttles logins per address).
 * <p>
 * The client's address is the one the connection came from, unless that is a trusted
 * proxy ({@code statewise.gateway.trusted-proxies}, e.g. an Ingress controller): then it
 * is the right-most address in the proxy's {@code X-Forwarded-For} that is not itself a
 * trusted proxy, the rule of Tomcat's {@code RemoteIpValve}, which session-service uses.
 * The request's remote address is replaced by it, so the rate limits and the
 * introspection budget count each shopper, not the proxy. Written here because the stock
 * resolvers do not fit: Reactor Netty's and Spring's {@code ForwardedHeaderTransformer}
 * believe the left-most entry, which any client writes, and Spring Cloud Gateway's
 * {@code XForwardedRemoteAddressResolver} counts hops without asking who sent them.
 */
@Component
class InboundHeadersFilter implements WebFilter, Ordered {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	private static final Pattern LITERAL = Pattern
		.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

	private final Pattern trustedProxies;

	InboundHeadersFilter(GatewayProperties properties) {
		this.trustedProxies = StringUtils.hasText(properties.trustedProxies())
				? Pattern.compile(properties.trustedProxies()) : null;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		InetSocketAddress client = forwardedClient(request);
		List<String> untrusted = request.getHeaders()
			.headerNames()
			.stream()
			.filter(InboundHeadersFilter::untrusted)
			.toList();
		if (untrusted.isEmpty() && client == null) {
			return chain.filter(exchange);
		}
		ServerHttpRequest.Builder cleaned = request.mutate().headers((headers) -> untrusted.forEach(headers::remove));
		if (client != null) {
			cleaned.remoteAddress(client);
		}
		return chain.filter(exchange.mutate().request(cleaned.build()).build());
	}

	/**
	 * The client a trusted proxy forwarded the request for, or {@code null} to keep the
	 * connection's own address (no trusted proxy, no header, or an entry that is not an
	 * address literal where the walk stopped).
	 */
	private InetSocketAddress forwardedClient(ServerHttpRequest request) {
		InetSocketAddress peer = request.getRemoteAddress();
		if (this.trustedProxies == null || peer == null || peer.getAddress() == null
				|| !trusted(peer.getAddress().getHostAddress())) {
			return null;
		}
		String[] hops = StringUtils
			.commaDelimitedListToStringArray(String.join(",", request.getHeaders().getValuesAsList(FORWARDED_FOR)));
		InetAddress client = null;
		for (int i = hops.length - 1; i >= 0; i--) {
			client = literal(hops[i].trim());
			if (client == null || !trusted(client.getHostAddress())) {
				break;
			}
		}
		return (client != null) ? new InetSocketAddress(client, 0) : null;
	}

	private boolean trusted(String address) {
		return this.trustedProxies.matcher(address).matches();
	}

	/** An IPv4 or IPv6 literal (never a name: no DNS lookup), else {@code null}. */
	private static InetAddress literal(String text) {
		String address = (text.startsWith("[") && text.endsWith("]")) ? text.substring(1, text.length() - 1) : text;
		if (!LITERAL.matcher(address).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/**
	 * Runs last among the gateway's header filters on the way to a backend (Spring's own
	 * {@code XForwardedHeadersFilter} drops {@code X-Forwarded-*} unless proxies are
	 * trusted, which costs CPU on every request).
	 */
	@Bean
	static HttpHeadersFilter clientAddressHeaderFilter() {
		return new ClientAddress();
	}

	private static boolean untrusted(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.startsWith("x-user-") || lower.startsWith("x-statewise-") || lower.startsWith("x-forwarded-")
				|| lower.equals("forwarded");
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 30;
	}

	/** Sets {@code X-Forwarded-For} to the client's address. */
	private static final class ClientAddress implements HttpHeadersFilter, Ordered {

		@Override
		public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
			InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
			if (remote == null || remote.getAddress() == null) {
				return input;
			}
			HttpHeaders headers = new HttpHeaders();
			headers.putAll(input);
			headers.set(FORWARDED_FOR, remote.getAddress().getHostAddress());
			return headers;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
