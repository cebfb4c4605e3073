package io.statewise.session.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The session repository with metrics
 * ({@code statewise.sessions{event=created|expired|destroyed}}, tagged with the store)
 * and, in durable mode, a replica acknowledgement after each save. A decorator rather
 * than repository events: Spring Session's default Redis repository publishes none, and
 * the indexed one needs keyspace notifications and extra writes. Redis expires idle
 * sessions by TTL without telling anyone, so {@code expired} counts the moment it shows:
 * a request presents a session id that no longer exists (expired, or never issued).
 */
final class ObservedSessionRepository<S extends Session> implements SessionRepository<S> {

	private final SessionRepository<S> delegate;

	private final Counter created;

	private final Counter expired;

	private final Counter destroyed;

	private final @Nullable ReplicaAcknowledgement durable;

	ObservedSessionRepository(SessionRepository<S> delegate, MeterRegistry meters, SessionConfiguration.Store store,
			@Nullable ReplicaAcknowledgement durable) {
		this.delegate = delegate;
		String storeTag = store.name().toLowerCase();
		this.created = meters.counter("statewise.sessions", "event", "created", "store", storeTag);
		this.expired = meters.counter("statewise.sessions", "event", "expired", "store", storeTag);
		this.destroyed = meters.counter("statewise.sessions", "event", "destroyed", "store", storeTag);
		this.durable = durable;
	}

	@Override
	public S createSession() {
		this.created.increment();
		return this.delegate.createSession();
	}

	@Override
	public void save(S session) {
		this.delegate.save(session);
		if (this.durable != null) {
			this.durable.await();
		}
	}

	@Override
	public @Nullable S findById(String id) {
		S session = this.delegate.findById(id);
		if (session == null) {
			this.expired.increment();
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
		this.destroyed.increment();
	}

}
