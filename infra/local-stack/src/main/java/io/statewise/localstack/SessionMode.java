package io.statewise.localstack;

import java.util.Locale;

/**
 * Where session-service keeps sessions in this stack ({@code --stack.session-mode}):
 * {@code redis}, shared by both instances, or {@code memory}, each instance's own heap,
 * with the gateway keeping each browser on one instance. Comparing the two is the point
 * of the store (docs/adr/0005, docs/adr/0016).
 */
public enum SessionMode {

	REDIS, MEMORY;

	/** As session-service and the gateway spell it. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
