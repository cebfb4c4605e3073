package io.statewise.gateway.edge;

import java.time.Duration;

import io.statewise.gateway.system.GatewayProperties;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

/**
 * The backstop for slow request bodies. Slow clients are cut off by settings, not code:
 * <ul>
 * <li>Waiting for a request, including its headers: Boot's
 * {@code server.netty.idle-timeout} (Reactor Netty's {@code idleTimeout}). Its handler
 * sits behind Netty's HTTP decoder, so it counts whole requests, not bytes: from the end
 * of the last response (or the connection's start) the headers must be complete within
 * it, however a client drips them (SlowClientTests).</li>
 * <li>A body: read whole by {@link RequestLimitsFilter} against
 * {@code statewise.gateway.client-timeouts.body-read}, which can still answer
 * {@code 408}.</li>
 * <li>A body nobody reads (a request refused before that filter): Reactor Netty's
 * {@code requestTimeout}, set here because Boot has no property for it. It closes the
 * connection without an answer, so it runs later than the filter's deadline.</li>
 * </ul>
 */
@Component
class ClientTimeouts implements NettyServerCustomizer {

	/** Late enough that the filter's {@code 408} always comes first. */
	private static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(10);

	private final Duration bodyRead;

	ClientTimeouts(GatewayProperties properties) {
		this.bodyRead = properties.clientTimeouts().bodyRead();
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.requestTimeout(this.bodyRead.plus(BACKSTOP_MARGIN));
	}

}
