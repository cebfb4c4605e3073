package io.statewise.inventory.consistency;

import java.time.Instant;
import java.util.List;

/** The result of checking every stock invariant against one database snapshot. */
public record ConsistencyReport(boolean consistent, Instant checkedAt, int products, long totalReceived,
		List<Violation> violations) {

	/** One broken invariant of one product. */
	public record Violation(String productId, String invariant, long expected, long actual) {

	}

}
