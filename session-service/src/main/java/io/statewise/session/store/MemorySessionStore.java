package io.statewise.session.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Sessions in this JVM (the stateful mode): the same fenced writes as
 * {@link RedisSessionStore}, checked under one lock, so the two modes differ only in
 * where the state lives. Expired sessions are dropped when they are next asked for, as
 * Spring Session's {@code MapSessionRepository} does.
 */
public final class MemorySessionStore extends SessionStore {

	private final Map<String, Stored> sessions = new HashMap<>();

	/** Held for microseconds: a map lookup and a few puts, never I/O. */
	private final ReentrantLock lock = new ReentrantLock();

	MemorySessionStore(Duration timeout, MeterRegistry meters) {
		super(timeout, meters, "memory");
	}

	@Override
	@Nullable FencedSession load(String id, boolean touch) {
		this.lock.lock();
		try {
			Stored stored = this.sessions.get(id);
			Instant now = Instant.now();
			if (stored == null || stored.expiredAt(now)) {
				this.sessions.remove(id);
				return null;
			}
			if (touch) {
				stored.accessed = now;
			}
			return new FencedSession(id, stored.created, stored.accessed, stored.ttl, stored.attributes,
					stored.versions, this, true);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	long write(FencedSession session, Map<String, ? extends @Nullable Object> changes, Map<String, Long> basedOn,
			long deadline) {
		this.lock.lock();
		try {
			if (deadline > 0 && System.currentTimeMillis() > deadline) {
				throw new SessionWriteRefusedException(SessionWriteRefusedException.Reason.LATE);
			}
			String savedId = session.savedId();
			Stored stored = (savedId != null) ? this.sessions.get(savedId) : new Stored(session);
			if (stored == null || (savedId == null && this.sessions.containsKey(session.getId()))) {
				throw new SessionWriteRefusedException(SessionWriteRefusedException.Reason.GONE);
			}
			for (String name : changes.keySet()) {
				if (stored.versions.getOrDefault(name, 0L) != basedOn.get(name).longValue()) {
					session.refresh(stored.attributes, stored.versions);
					throw new SessionWriteRefusedException(SessionWriteRefusedException.Reason.STALE);
				}
			}
			if (savedId != null) {
				this.sessions.remove(savedId);
			}
			this.sessions.put(session.getId(), stored);
			long version = ++stored.seq;
			stored.ttl = session.getMaxInactiveInterval();
			FencedSession.apply(changes, version, stored.attributes, stored.versions);
			return version;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	void delete(String id) {
		this.lock.lock();
		try {
			this.sessions.remove(id);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** One session as kept here; changed only under the lock. */
	private static final class Stored {

		final Instant created;

		Instant accessed;

		Duration ttl;

		long seq;

		final Map<String, Object> attributes = new HashMap<>();

		final Map<String, Long> versions = new HashMap<>();

		Stored(FencedSession session) {
			this.created = session.getCreationTime();
			this.accessed = session.getLastAccessedTime();
			this.ttl = session.getMaxInactiveInterval();
		}

		boolean expiredAt(Instant now) {
			return !this.ttl.isNegative() && !this.ttl.isZero() && now.isAfter(this.accessed.plus(this.ttl));
		}

	}

}
