package io.statewise.gateway.edge;

import java.time.Duration;
import java.util.Set;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.support.problem.ProblemException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * What the gateway refuses before routing: methods the store does not use ({@code 405}),
 * paths that try to climb out of a route with dot segments, encoded separators or path
 * parameters ({@code 400}; a backend might normalize
 * {@code /api/catalog/..%2F..%2Finternal/x} or {@code /api/catalog/..;/internal/x} into
 * an internal path), bodies larger than {@code statewise.gateway.max-request-size}
 * ({@code 413}), whether announced by {@code Content-Length} or streamed in chunks, and
 * bodies that do not arrive whole within
 * {@code statewise.gateway.client-timeouts.body-read} ({@code 408}, and the connection is
 * closed).
 * <p>
 * A body is read whole here, before routing: a backend never receives half a request, and
 * a slow client never spends a route's time limit, which its circuit breaker would count
 * against the service for everyone. Bodies are at most {@code max-request-size} (64 KB),
 * so holding one costs little.
 */
@Component
class RequestLimitsFilter implements WebFilter, Ordered {

	private static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	/**
	 * Spring Security's rules for paths that could be normalized into another one
	 * (encoded or plain dot segments, slashes, backslashes, semicolons, percent signs,
	 * null, line breaks), kept up to date by its maintainers. Only its path and method
	 * checks are used: the exchange it wraps (which checks headers as they are read) is
	 * not passed on. Methods are checked before it, since it would refuse one as a
	 * malformed request instead of {@code 405} with {@code Allow}.
	 */
	private static final StrictServerWebExchangeFirewall FIREWALL = new StrictServerWebExchangeFirewall();

	static {
		FIREWALL.setAllowedHttpMethods(ALLOWED);
	}

	private static final byte[] NO_BODY = new byte[0];

	private final int maxBytes;

	private final Duration bodyRead;

	RequestLimitsFilter(GatewayProperties properties) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxRequestSize().toBytes());
		this.bodyRead = properties.clientTimeouts().bodyRead();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!ALLOWED.contains(request.getMethod())) {
			return Mono.error(new MethodNotAllowedException(request.getMethod(), ALLOWED));
		}
		return FIREWALL.getFirewalledExchange(exchange)
			.onErrorMap(ServerExchangeRejectedException.class,
					(rejected) -> new ProblemException(HttpStatus.BAD_REQUEST, "Malformed path", null))
			.then(Mono.defer(() -> limitBody(exchange, chain)));
	}

	private Mono<Void> limitBody(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long length = request.getHeaders().getContentLength();
		if (length > this.maxBytes) {
			return Mono.error(tooLarge());
		}
		if (length <= 0 && !request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return chain.filter(exchange);
		}
		DataBufferFactory buffers = exchange.getResponse().bufferFactory();
		// over the limit, join fails with DataBufferLimitException: 413
		return DataBufferUtils.join(request.getBody(), this.maxBytes)
			.timeout(this.bodyRead, Mono.error(RequestLimitsFilter::incomplete))
			.map(RequestLimitsFilter::copyAndRelease)
			.defaultIfEmpty(NO_BODY)
			.flatMap((body) -> chain.filter(exchange.mutate().request(readBody(request, buffers, body)).build()));
	}

	/** The request with its body already read; it can be read again (a retry). */
	private static ServerHttpRequest readBody(ServerHttpRequest request, DataBufferFactory buffers, byte[] body) {
		return new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return Flux.defer(() -> Flux.just(buffers.wrap(body)));
			}

		};
	}

	private static byte[] copyAndRelease(DataBuffer joined) {
		try {
			byte[] body = new byte[joined.readableByteCount()];
			joined.read(body);
			return body;
		}
		finally {
			DataBufferUtils.release(joined);
		}
	}

	private static RuntimeException tooLarge() {
		return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "Request too large", null);
	}

	private static RuntimeException incomplete() {
		// the rest of the body may still come: this connection cannot carry another
		// request
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONNECTION, "close");
		return new ProblemException(HttpStatus.REQUEST_TIMEOUT, "Request body incomplete",
				"The request body did not arrive in time.")
			.headers(headers);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

}
