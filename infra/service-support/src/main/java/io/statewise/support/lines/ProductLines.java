package io.statewise.support.lines;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import io.statewise.support.problem.ProblemException;

import org.springframework.http.HttpStatus;

/**
 * The canonical form of a request's lines and its fingerprint. A repeated checkout (same
 * {@code Idempotency-Key}) or reservation (same order id) is the same request when its
 * fingerprint is; a different one is refused. Both services take it the same way, so that
 * a cart whose lines arrive in another order is still the same cart. Generic over the
 * line type: each service keeps its own request record.
 */
public final class ProductLines {

	private ProductLines() {
	}

	/**
	 * The lines sorted by product id, after refusing a product that appears twice (400
	 * "Duplicate lines").
	 */
	public static <L> List<L> normalized(List<L> lines, Function<L, String> productId) {
		Set<String> seen = new HashSet<>();
		List<String> duplicates = lines.stream().map(productId).filter((id) -> !seen.add(id)).toList();
		if (!duplicates.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "Duplicate lines",
					"Each product may appear once; repeated: " + String.join(", ", duplicates) + ".");
		}
		return lines.stream().sorted(Comparator.comparing(productId)).toList();
	}

	/**
	 * SHA-256, in hex, of {@code product:quantity;...} over lines already
	 * {@link #normalized(List, Function) normalized}.
	 */
	public static <L> String fingerprint(List<L> sorted, Function<L, String> productId, ToIntFunction<L> quantity) {
		String canonical = sorted.stream()
			.map((line) -> productId.apply(line) + ":" + quantity.applyAsInt(line))
			.collect(Collectors.joining(";"));
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
