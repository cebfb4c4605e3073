package io.statewise.session.store;

/**
 * The store refused a session write: nothing was written. Only {@link Reason#STALE} is
 * worth re-applying, to the session as the store holds it now (the refused session was
 * refreshed with it); the other reasons mean the request has no business writing any
 * more.
 */
public final class SessionWriteRefusedException extends RuntimeException {

	private final Reason reason;

	SessionWriteRefusedException(Reason reason) {
		super(reason.message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why a write was refused. */
	public enum Reason {

		/** An attribute it changes was changed by another request since it was read. */
		STALE("The session changed since this request read it; nothing was written."),

		/**
		 * The request's deadline passed (its caller has given up): a late write would
		 * overwrite what the caller did next.
		 */
		LATE("The request's deadline passed before its change could be saved; nothing was written."),

		/** The session ended (logout, expiry) while the request was working. */
		GONE("The session ended while this request was working; nothing was written.");

		private final String message;

		Reason(String message) {
			this.message = message;
		}

	}

}
