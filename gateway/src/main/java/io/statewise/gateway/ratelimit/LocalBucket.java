package io.statewise.gateway.ratelimit;

/**
 * One key's token bucket in one gateway instance: its view of the global bucket in Redis
 * (as of the last sync, refilled since) less what this instance admitted since, and what
 * it has admitted that Redis has not been told yet. Requests consume from the view
 * without asking Redis; {@link SharedTokenBuckets} reports the consumption and resets the
 * view to the global level every sync. Methods are synchronized: requests of one key
 * arrive on several event loops, and the sync thread reads and resets; each holds the
 * lock for a few arithmetic operations.
 */
final class LocalBucket {

	private final String route;

	private final String key;

	private final String redisKey;

	private double level;

	private long refilledAt;

	/** Admitted here and not yet reported to Redis. */
	private double unreported;

	/** Reported in the sync under way, given back if it fails. */
	private double reporting;

	/** Admitted anything since the previous sync. */
	private boolean used;

	/** Dropped from its map: a request that still finds it looks the key up again. */
	private boolean retired;

	/**
	 * A bucket for a key this instance has not seen (or forgot while Redis said the key's
	 * bucket was full): full, as a key nobody used. The first sync corrects it; until
	 * then each instance may admit one burst, the {@code N × burst} of the bound.
	 */
	LocalBucket(String route, String key, double capacity, long now) {
		this.route = route;
		this.key = key;
		// one hash slot per key, should Redis ever be a cluster
		this.redisKey = "statewise:rate-limit:{" + route + ":" + key + "}";
		this.level = capacity;
		this.refilledAt = now;
	}

	String route() {
		return this.route;
	}

	String key() {
		return this.key;
	}

	String redisKey() {
		return this.redisKey;
	}

	/**
	 * Takes {@code tokens} if the view holds them: the tokens left (at least 0), or
	 * {@code -(tokens missing)} when refused, or {@code NaN} when the bucket was retired.
	 */
	synchronized double tryConsume(double tokens, double perSecond, double capacity, long now) {
		if (this.retired) {
			return Double.NaN;
		}
		refill(perSecond, capacity, now);
		if (this.level < tokens) {
			return this.level - tokens;
		}
		this.level -= tokens;
		this.unreported += tokens;
		this.used = true;
		return this.level;
	}

	/** What to report in the sync that starts now. */
	synchronized double startReport() {
		this.reporting = this.unreported;
		this.unreported = 0;
		return this.reporting;
	}

	/**
	 * The sync succeeded: {@code global} is the level Redis computed after this report
	 * (negative when instances together admitted more than the bucket held, a debt that
	 * refills away). The view becomes that, less what was admitted here meanwhile; the
	 * time the answer travelled is not refilled, so the view errs low. Retires the bucket
	 * when nobody anywhere has used the key since it filled: then a new bucket (full)
	 * says the same.
	 * @return whether the bucket retired
	 */
	synchronized boolean reported(double global, double capacity, long now) {
		this.reporting = 0;
		this.level = Math.min(capacity, global) - this.unreported;
		this.refilledAt = now;
		boolean idle = !this.used && this.unreported == 0;
		this.used = false;
		this.retired = idle && global >= capacity;
		return this.retired;
	}

	/**
	 * The sync failed: Redis may or may not have counted the report, so it is sent again
	 * (counted twice at worst: the error is on the strict side).
	 */
	synchronized void reportFailed() {
		this.unreported += this.reporting;
		this.reporting = 0;
	}

	private void refill(double perSecond, double capacity, long now) {
		if (this.level < capacity) {
			this.level = Math.min(capacity, this.level + (now - this.refilledAt) * perSecond / 1e9);
		}
		this.refilledAt = now;
	}

}
