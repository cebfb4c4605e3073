package io.statewise.gateway.edge;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.statewise.gateway.system.GatewayProperties;
import io.statewise.gateway.system.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * What the gateway refuses before routing: methods the store does not use ({@code 405}),
 * paths that try to climb out of a route with dot segments, encoded separators or path
 * parameters ({@code 400}; a backend might normalize
 * {@code /api/catalog/..%2F..%2Finternal/x} or {@code /api/catalog/..;/internal/x} into an
 * internal path), and bodies larger than {@code statewise.gateway.max-request-size}
 * ({@code 413}), whether announced by {@code Content-Length} or streamed in chunks.
 */
@Component
class RequestLimitsFilter implements WebFilter, Ordered {

	private static final Set<HttpMethod> ALLOWED = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	private final long maxBytes;

	RequestLimitsFilter(GatewayProperties properties) {
		this.maxBytes = properties.maxRequestSize().toBytes();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!ALLOWED.contains(request.getMethod())) {
			return Mono.error(new MethodNotAllowedException(request.getMethod(), ALLOWED));
		}
		if (climbs(request.getURI().getRawPath())) {
			return Mono.error(Problems.problem(HttpStatus.BAD_REQUEST, "Malformed path", null));
		}
		long length = request.getHeaders().getContentLength();
		if (length > this.maxBytes) {
			return Mono.error(tooLarge());
		}
		if (length < 0 && request.getHeaders().containsHeader("Transfer-Encoding")) {
			return chain.filter(exchange.mutate().request(new LimitedBody(request, this.maxBytes)).build());
		}
		return chain.filter(exchange);
	}

	static boolean climbs(String rawPath) {
		String path = rawPath.toLowerCase(Locale.ROOT);
		return path.contains("%2e") || path.contains("%2f") || path.contains("%5c") || path.contains("\\")
				|| path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
				|| path.endsWith("/..") || path.contains(";") || path.contains("%3b");
	}

	private static RuntimeException tooLarge() {
		return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", null);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	/** A chunked body that fails with 413 once it passes the limit. */
	private static final class LimitedBody extends ServerHttpRequestDecorator {

		private final long maxBytes;

		LimitedBody(ServerHttpRequest delegate, long maxBytes) {
			super(delegate);
			this.maxBytes = maxBytes;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > this.maxBytes) {
					org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
					sink.error(tooLarge());
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
