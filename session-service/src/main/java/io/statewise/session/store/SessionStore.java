package io.statewise.session.store;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.session.SessionRepository;

/**
 * Spring Session's repository over a store that fences writes: {@link RedisSessionStore}
 * or {@link MemorySessionStore}, one rule set for both, so the two modes compare like
 * with like. Counts sessions
 * ({@code statewise.sessions{event=created|expired|destroyed}}) and refused writes
 * ({@code statewise.session.writes.refused{reason}}). Redis expires idle sessions by TTL
 * without telling anyone, so {@code expired} counts the moment it shows: a request
 * presents a session id that no longer exists (expired, or never issued).
 */
public abstract sealed class SessionStore implements SessionRepository<FencedSession>
		permits RedisSessionStore, MemorySessionStore {

	private final Duration timeout;

	private final Counter created;

	private final Counter expired;

	private final Counter destroyed;

	private final MeterRegistry meters;

	private final String storeTag;

	SessionStore(Duration timeout, MeterRegistry meters, String storeTag) {
		this.timeout = timeout;
		this.meters = meters;
		this.storeTag = storeTag;
		this.created = meters.counter("statewise.sessions", "event", "created", "store", storeTag);
		this.expired = meters.counter("statewise.sessions", "event", "expired", "store", storeTag);
		this.destroyed = meters.counter("statewise.sessions", "event", "destroyed", "store", storeTag);
	}

	@Override
	public FencedSession createSession() {
		this.created.increment();
		return FencedSession.create(this.timeout, this);
	}

	/**
	 * Spring Session calls this at the end of every request that used a session. Every
	 * change was written when it was made, so only a session that was created and never
	 * changed is left to write.
	 */
	@Override
	public void save(FencedSession session) {
		if (session.savedId() == null) {
			session.writeNew();
		}
	}

	/**
	 * Loads a session and records the access: extends its life, in Redis only once a set
	 * fraction of its timeout has passed since the last time ({@link RedisSessionStore}).
	 */
	@Override
	public @Nullable FencedSession findById(String id) {
		FencedSession session = load(id, true);
		if (session == null) {
			this.expired.increment();
		}
		return session;
	}

	/**
	 * Loads a session without recording an access: for introspection, which must not
	 * count as the user's activity.
	 */
	public @Nullable FencedSession peek(String id) {
		return load(id, false);
	}

	@Override
	public void deleteById(String id) {
		delete(id);
		this.destroyed.increment();
	}

	/**
	 * Writes the changes ({@code null} value: remove) if every attribute's version is
	 * still the one in {@code basedOn} and the request's deadline has not passed; all or
	 * nothing. Returns the version the changed attributes now have. On a refusal the
	 * session is refreshed (for {@code STALE}) and {@link SessionWriteRefusedException}
	 * thrown.
	 */
	final long write(FencedSession session, Map<String, ? extends @Nullable Object> changes,
			Map<String, Long> basedOn) {
		try {
			return write(session, changes, basedOn, RequestDeadline.current());
		}
		catch (SessionWriteRefusedException ex) {
			this.meters
				.counter("statewise.session.writes.refused", "reason", ex.reason().name().toLowerCase(), "store",
						this.storeTag)
				.increment();
			throw ex;
		}
	}

	abstract long write(FencedSession session, Map<String, ? extends @Nullable Object> changes,
			Map<String, Long> basedOn, long deadline);

	abstract @Nullable FencedSession load(String id, boolean touch);

	abstract void delete(String id);

}
