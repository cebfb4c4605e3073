package io.statewise.testkit;

import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;

import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/**
 * Reading an answer a test already holds, for a value to use later rather than an
 * expectation: its status (a wait's condition), its body as text, a value of its JSON
 * body by JSON path. Expectations stay with {@code RestTestClient}'s own
 * {@code expectStatus()} and {@code expectBody()}.
 */
public final class Answers {

	private Answers() {
	}

	public static int status(ResponseSpec answer) {
		return answer.returnResult().getStatus().value();
	}

	/** The body as answered, empty when there is none. */
	public static String body(ResponseSpec answer) {
		byte[] body = answer.returnResult().getResponseBodyContent();
		return (body != null) ? new String(body, StandardCharsets.UTF_8) : "";
	}

	/** A value of the answer's JSON body: {@code read(answer, "$.id")}. */
	public static <T> T read(ResponseSpec answer, String path) {
		return read(body(answer), path);
	}

	/** A value of a JSON document: {@code read(json, "$.id")}. */
	public static <T> T read(String json, String path) {
		return JsonPath.read(json, path);
	}

}
