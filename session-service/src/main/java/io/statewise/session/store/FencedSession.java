package io.statewise.session.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.session.Session;

/**
 * A session whose every change is written at once, fenced (docs/adr/0012): the write
 * carries the version each changed attribute had when this session was loaded, and the
 * store refuses it if any of them moved on, or if the request's deadline has passed. A
 * refused write leaves this object holding the store's current attributes, so the caller
 * can re-apply its change to them (see {@code cart.CartController}).
 *
 * <p>
 * Writing at once, not at the end of the request, is what makes a refusal answerable: the
 * controller sees it and can retry or answer a problem, instead of Spring Session's
 * filter failing after the answer was chosen. Each attribute has its own version, so
 * requests that change different attributes (different cart lines) never refuse one
 * another.
 */
public final class FencedSession implements Session {

	private String id;

	private final Instant creationTime;

	private Instant lastAccessedTime;

	private Duration maxInactiveInterval;

	private final Map<String, Object> attributes;

	private final Map<String, Long> versions;

	private final SessionStore store;

	private @Nullable String savedId;

	/** The timeout the store holds, or {@code null} before the first write. */
	private @Nullable Duration savedInterval;

	FencedSession(String id, Instant creationTime, Instant lastAccessedTime, Duration maxInactiveInterval,
			Map<String, Object> attributes, Map<String, Long> versions, SessionStore store, boolean saved) {
		this.id = id;
		this.creationTime = creationTime;
		this.lastAccessedTime = lastAccessedTime;
		this.maxInactiveInterval = maxInactiveInterval;
		this.attributes = new LinkedHashMap<>(attributes);
		this.versions = new HashMap<>(versions);
		this.store = store;
		this.savedId = saved ? id : null;
		this.savedInterval = saved ? maxInactiveInterval : null;
	}

	static FencedSession create(Duration maxInactiveInterval, SessionStore store) {
		Instant now = Instant.now();
		return new FencedSession(newId(), now, now, maxInactiveInterval, Map.of(), Map.of(), store, false);
	}

	private static String newId() {
		return UUID.randomUUID().toString();
	}

	@Override
	public String getId() {
		return this.id;
	}

	/** The id this session is stored under, or {@code null} before its first write. */
	@Nullable String savedId() {
		return this.savedId;
	}

	/**
	 * Whether a write must store the timeout: the first write, or after
	 * {@link #setMaxInactiveInterval(Duration)}. Otherwise the store's TTL stands.
	 */
	boolean timeoutUnsaved() {
		return !this.maxInactiveInterval.equals(this.savedInterval);
	}

	@Override
	public String changeSessionId() {
		this.id = newId();
		write(Map.of());
		return this.id;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T getAttribute(String attributeName) {
		return (T) this.attributes.get(attributeName);
	}

	@Override
	public Set<String> getAttributeNames() {
		return Set.copyOf(this.attributes.keySet());
	}

	/**
	 * Writes several attributes at once through the servlet API, all or none
	 * ({@code null} removes one): for changes that must stay consistent, such as emptying
	 * the whole cart. {@code HttpSession} has no such method and Spring Session does not
	 * expose the session behind it, so the changes travel as one attribute value that
	 * this class recognises.
	 */
	public static void setAttributes(HttpSession session, Map<String, @Nullable Object> changes) {
		session.setAttribute(Changes.class.getName(), new Changes(changes));
	}

	/** Several changes written as one, see {@link #setAttributes(HttpSession, Map)}. */
	private record Changes(Map<String, @Nullable Object> values) {

	}

	@Override
	public void setAttribute(String attributeName, @Nullable Object attributeValue) {
		if (attributeValue instanceof Changes changes) {
			write(changes.values());
			return;
		}
		if (attributeValue == null) {
			removeAttribute(attributeName);
			return;
		}
		write(Map.of(attributeName, attributeValue));
	}

	@Override
	public void removeAttribute(String attributeName) {
		if (!this.attributes.containsKey(attributeName) && this.savedId != null) {
			return;
		}
		write(Collections.singletonMap(attributeName, null));
	}

	/** Writes a session that was created and never changed. */
	void writeNew() {
		write(Map.of());
	}

	private void write(Map<String, ? extends @Nullable Object> changes) {
		Map<String, Long> basedOn = new HashMap<>();
		changes.keySet().forEach((name) -> basedOn.put(name, this.versions.getOrDefault(name, 0L)));
		long version = this.store.write(this, changes, basedOn);
		this.savedId = this.id;
		this.savedInterval = this.maxInactiveInterval;
		apply(changes, version, this.attributes, this.versions);
	}

	/**
	 * Sets each changed attribute ({@code compute} removes it for a {@code null} value)
	 * and its new version: the same in the session and in the memory store.
	 */
	static void apply(Map<String, ? extends @Nullable Object> changes, long version, Map<String, Object> attributes,
			Map<String, Long> versions) {
		changes.forEach((name, value) -> {
			attributes.compute(name, (key, old) -> value);
			versions.put(name, version);
		});
	}

	/** After a refused write: take the attributes the store holds now. */
	void refresh(Map<String, Object> attributes, Map<String, Long> versions) {
		this.attributes.clear();
		this.attributes.putAll(attributes);
		this.versions.clear();
		this.versions.putAll(versions);
	}

	@Override
	public Instant getCreationTime() {
		return this.creationTime;
	}

	/**
	 * Kept in memory only: the store records the access when it loads the session (in
	 * Redis, when a refresh is due, in the same round trip), so Spring Session's
	 * end-of-request update costs nothing. Loaded from Redis, this is when the session's
	 * TTL was last set, which may be up to the refresh fraction of the timeout before its
	 * last request.
	 */
	@Override
	public void setLastAccessedTime(Instant lastAccessedTime) {
		this.lastAccessedTime = lastAccessedTime;
	}

	@Override
	public Instant getLastAccessedTime() {
		return this.lastAccessedTime;
	}

	@Override
	public void setMaxInactiveInterval(Duration interval) {
		this.maxInactiveInterval = interval;
	}

	@Override
	public Duration getMaxInactiveInterval() {
		return this.maxInactiveInterval;
	}

	@Override
	public boolean isExpired() {
		return !this.maxInactiveInterval.isNegative()
				&& Instant.now().isAfter(this.lastAccessedTime.plus(this.maxInactiveInterval));
	}

}
