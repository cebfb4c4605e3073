package io.statewise.localstack;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The ops panel's live feed: once a second, while a panel is open or an action is being
 * measured, one look at the whole stack ({@link OpsAggregator}) sent to every open panel
 * as a server-sent event. The browser's {@code EventSource} reconnects by itself when the
 * stream breaks; each stream is also ended after {@link #STREAM_LIFETIME}, so a panel
 * left open never pins a request thread for ever.
 */
@Component
class OpsPanel implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(OpsPanel.class);

	/** How long a look waits for any one component: less than the second between two. */
	static final Duration PROBE_TIMEOUT = Duration.ofMillis(800);

	private static final Duration STREAM_LIFETIME = Duration.ofMinutes(10);

	private final LocalStack stack;

	private final Timeline timeline;

	private final JsonMapper json;

	private final ExecutorService probes = Executors.newCachedThreadPool(daemon("ops-panel-probe"));

	private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("ops-panel"));

	private final OpsAggregator aggregator;

	private final List<SseEmitter> panels = new CopyOnWriteArrayList<>();

	private volatile @Nullable String last;

	OpsPanel(LocalStack stack, Timeline timeline, JsonMapper json) {
		this.stack = stack;
		this.timeline = timeline;
		this.json = json;
		this.aggregator = new OpsAggregator(stack::components, stack::redisPrimary, stack.sessionMode(), stack::isReady,
				timeline, this.probes, PROBE_TIMEOUT);
		this.clock.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
	}

	/** A new panel's stream; it gets the last look at once, then one a second. */
	SseEmitter open() {
		SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
		emitter.onCompletion(() -> this.panels.remove(emitter));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> this.panels.remove(emitter));
		this.panels.add(emitter);
		String snapshot = this.last;
		if (snapshot != null) {
			send(emitter, snapshot);
		}
		return emitter;
	}

	private void tick() {
		try {
			if (this.panels.isEmpty() && !this.timeline.measuring(Instant.now())) {
				return;
			}
			String snapshot = this.json.writeValueAsString(this.aggregator.look());
			this.last = snapshot;
			this.panels.forEach((emitter) -> send(emitter, snapshot));
		}
		catch (RuntimeException ex) {
			// one bad look must not end the clock: scheduleAtFixedRate stops on an
			// exception
			logger.warn("The ops panel could not look at the stack", ex);
		}
	}

	private void send(SseEmitter emitter, String snapshot) {
		try {
			emitter.send(SseEmitter.event().name("stack").reconnectTime(1000).data(snapshot));
		}
		catch (IOException | IllegalStateException ex) {
			this.panels.remove(emitter);
		}
	}

	/** Marks an action under way, so the panel shows a start as starting. */
	void acting(String component, @Nullable String action) {
		this.aggregator.acting(component, action);
	}

	/**
	 * Watches the Sentinels, ten times a second for up to a minute, for the promotion
	 * that a fault on the Redis primary should cause, and writes the measured time into
	 * the timeline entry.
	 */
	void watchPromotion(long entry, String oldPrimary) {
		this.probes.submit(() -> {
			Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
			while (Instant.now().isBefore(deadline)) {
				Optional<String> primary = this.stack.redisPrimary();
				if (primary.isPresent() && !primary.get().equals(oldPrimary)) {
					this.timeline.promoted(entry, primary.get(), Instant.now());
					return primary.get();
				}
				Thread.sleep(100);
			}
			return null;
		});
	}

	@Override
	public void destroy() {
		this.clock.shutdownNow();
		this.probes.shutdownNow();
		this.panels.forEach(SseEmitter::complete);
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
