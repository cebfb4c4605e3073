package io.statewise.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.NettyInbound;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * The event loop of a request's connection, as a Reactor {@link Scheduler}, found through
 * public API: reactor-netty's request is a {@link NettyInbound}, whose connection's
 * channel names its loop. Lettuce completes every command on its own event loop (one
 * thread per Redis connection); a filter chain continued there would run the rest of
 * every request (routing, the backend call, the response) on that one thread. The exact
 * limiter publishes its answer back on the request's loop, which is where reactor-netty
 * also takes its backend connection from.
 */
final class RequestEventLoop {

	/** One scheduler per event loop; there are about as many loops as cores. */
	private static final Map<Executor, Scheduler> schedulers = new ConcurrentHashMap<>();

	private RequestEventLoop() {
	}

	/**
	 * The scheduler of the loop the request's connection belongs to, or
	 * {@link Schedulers#immediate()} for a request not served by reactor-netty (a test
	 * calling a filter with a mock exchange).
	 */
	static Scheduler of(ServerWebExchange exchange) {
		Object request;
		try {
			request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			// no native request: a mock exchange
			return Schedulers.immediate();
		}
		if (!(request instanceof NettyInbound inbound)) {
			return Schedulers.immediate();
		}
		AtomicReference<Executor> loop = new AtomicReference<>();
		inbound.withConnection((connection) -> loop.set(connection.channel().eventLoop()));
		Executor executor = loop.get();
		return (executor != null) ? schedulers.computeIfAbsent(executor, Schedulers::fromExecutor)
				: Schedulers.immediate();
	}

}
