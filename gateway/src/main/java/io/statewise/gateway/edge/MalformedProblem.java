package io.statewise.gateway.edge;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.statewise.support.problem.ProblemTypes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * The problem+json body for a request refused below Spring ({@link MalformedRequests}):
 * the same members as the gateway's other problems ({@code ProblemDetail}), written
 * without Spring's codecs, which are not reachable from Netty's pipeline.
 */
final class MalformedProblem {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<Integer, String> DETAILS = Map.of(400,
			"The request cannot be read: its request line, headers or framing are malformed.", 414,
			"The request line (path and query) is too long.", 431, "The request headers are too large.");

	private MalformedProblem() {
	}

	static byte[] json(int status, String instance) {
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> body = new LinkedHashMap<>();
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		body.put("type", ProblemTypes.of(title).toString());
		body.put("title", title);
		body.put("status", status);
		body.put("detail", DETAILS.getOrDefault(status, "The request cannot be answered."));
		body.put("instance", instance);
		return JSON.writeValueAsBytes(body);
	}

	/**
	 * The request's path as a valid URI reference: what cannot stand in one (a control
	 * character, a {@code %} not followed by two hex digits) is percent-encoded.
	 */
	static String instance(String target) {
		int query = target.indexOf('?');
		String path = (query >= 0) ? target.substring(0, query) : target;
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%' && i + 2 < path.length() && HexFormat.isHexDigit(path.charAt(i + 1))
					&& HexFormat.isHexDigit(path.charAt(i + 2))) {
				out.append(c);
			}
			else if (c > 0x20 && c < 0x7f && c != '%' && "\"<>\\^`{|}".indexOf(c) < 0) {
				out.append(c);
			}
			else {
				// Netty reads the request line one byte per character
				for (byte b : String.valueOf(c)
					.getBytes((c <= 0xff) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)) {
					out.append('%').append(String.format("%02X", b & 0xff));
				}
			}
		}
		return out.toString();
	}

}
