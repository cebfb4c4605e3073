package io.statewise.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Netty event loop the caller runs on, as a Reactor {@link Scheduler}. Lettuce
 * completes every command on its own event loop (one thread per Redis connection); a
 * filter chain continued there after a Redis call would run the rest of every request
 * (routing, the backend call, the response) on that one thread, which then caps the
 * gateway's throughput and hands each response back across threads. Publishing on the
 * loop the request was running on keeps it there, where reactor-netty also takes its
 * backend connection from. Not in Reactor or reactor-netty: neither offers "this loop" as
 * a scheduler.
 */
final class CurrentEventLoop {

	/** One scheduler per event loop; there are about as many loops as cores. */
	private static final Map<Executor, Scheduler> schedulers = new ConcurrentHashMap<>();

	private CurrentEventLoop() {
	}

	/**
	 * The scheduler of the calling thread's event loop, or {@link Schedulers#immediate()}
	 * off a Netty thread (a test calling a filter directly).
	 */
	static Scheduler scheduler() {
		EventExecutor loop = ThreadExecutorMap.currentExecutor();
		return (loop != null) ? schedulers.computeIfAbsent(loop, Schedulers::fromExecutor) : Schedulers.immediate();
	}

}
