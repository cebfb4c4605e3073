package io.statewise.support.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * One problem shape everywhere (docs/problems.md): every problem names its kind in
 * {@code type}, {@code urn:statewise:problem:} followed by its title in kebab case
 * ({@code "Idempotency-Key reused"} →
 * {@code urn:statewise:problem:idempotency-key-reused}), and the request's public path in
 * {@code instance}. A URN, not a URL: nothing is served at it, and a client can match on
 * it while titles stay readable English. Spring's own problems (title = the status's
 * reason phrase) get the same treatment, so a {@code 415} is
 * {@code urn:statewise:problem:unsupported-media-type} wherever it comes from.
 */
public final class ProblemTypes {

	public static final String PREFIX = "urn:statewise:problem:";

	private ProblemTypes() {
	}

	/** The type of a kind of problem, from its title. */
	public static URI of(String title) {
		String kebab = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return URI.create(PREFIX + (kebab.isEmpty() ? "error" : kebab));
	}

	/**
	 * Fills what a problem left out: a title (the status's reason phrase), the type from
	 * the title, and the instance (the request path given).
	 */
	public static ProblemDetail complete(ProblemDetail problem, @Nullable String path) {
		if (problem.getTitle() == null) {
			HttpStatus status = HttpStatus.resolve(problem.getStatus());
			problem.setTitle((status != null) ? status.getReasonPhrase() : "Error");
		}
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(of(problem.getTitle()));
		}
		if (problem.getInstance() == null && path != null) {
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException ex) {
				// a path that is no valid URI reference (it was refused for that): leave
				// it out
			}
		}
		return problem;
	}

	/**
	 * Whether {@code Accept} values can be parsed; with one that cannot
	 * ({@code *}{@code /*;q=abc}) no media type can be negotiated, a problem's included.
	 * Asked by the servlet services' and the gateway's {@code UnreadableAcceptFilter}.
	 */
	public static boolean readable(List<String> accept) {
		try {
			MediaType.parseMediaTypes(accept);
			return true;
		}
		catch (IllegalArgumentException ex) {
			// InvalidMediaTypeException, and a bad quality factor's NumberFormatException
			return false;
		}
	}

}
