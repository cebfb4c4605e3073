package io.statewise.localstack;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.statewise.testkit.OpenApiDescription;
import io.statewise.testkit.OpenApiDescription.Operation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Malformed requests generated from the gateway's OpenAPI description, the store's public
 * API on the gateway's paths: each operation's valid example request (parameters and body
 * from the description) broken one way at a time: path and query values of the wrong
 * type, out of bounds, huge, badly encoded or with control characters; odd headers; wrong
 * or missing content types; malformed, oversized and wrongly typed bodies; methods the
 * path does not take. No request generated here is valid where a valid one would change
 * shared state: a checkout always carries an invalid {@code Idempotency-Key}, so it can
 * never place an order.
 */
final class BadInputs {

	static final String MARKER = "@@MUTANT@@";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String A_UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

	/** Path parameter values, as written into the request line. */
	private static final List<String> PATH_VALUES = List.of("%00", "..;", ";", "%25", "%0d%0a", "%zz", "%", "%C0%AF",
			"%FF", "a%00b", "..", ".", "%2e%2e", "%2F", "%5C", "%C3%BC", "\u00c3\u00bc", "A".repeat(3000), "lower-case",
			"-1", "0", "99999999999999999999999", "not-a-uuid", A_UUID + "x", "%20", "+", "%7Bid%7D", "*", "null",
			"%27%3B%20DROP%20TABLE%20stock%3B--", "%3Cscript%3E", "TEA-001;jsessionid=abc", "TEA-001%3B", "TEA-001%00",
			"%E2%80%AE", "~", "TEA-001%2F..%2F..", "\u0000", "\u007f");

	private static final List<String> QUERY_VALUES = List.of("abc", "-1", "1e3", "1.5", "2147483648",
			"9223372036854775808", "-9223372036854775809", "0x10", "%201", "", "A".repeat(3000), "%00", "%0d%0a", "%zz",
			"%", "%FF", "%C0%AF", "a%00b", "%E2%80%AE", "%01%02%03", "name%3B%20DROP%20TABLE%20product",
			"\u00c3\u00bc");

	private static final List<byte[]> STRING_LITERALS = literals("1", "1.5", "true", "null", "[]", "{}", "\"\"",
			"\" \"", "\"" + "A".repeat(300) + "\"", "\"" + "A".repeat(20_000) + "\"", "\"\\u0000\"", "\"a\\u0000b\"",
			"\"\\u0007\"", "\"\\u001b[31m\"", "\"\\ud800\"", "\"\\udfff\"", "\"\\u202e\"", "\"' OR '1'='1\"",
			"\"${jndi:ldap://127.0.0.1/x}\"", "\"../../etc/passwd\"", "\"%00\"", "\"\\r\\nX-Injected: 1\"",
			"\"tea-001\"", "\"\u00fc\"");

	private static final List<byte[]> INTEGER_LITERALS = literals("\"1\"", "1.5", "0", "-1", "101", "100001",
			"2147483648", "-2147483649", "9223372036854775808", "1e309", "1e2", "NaN", "Infinity", "0x10", "007",
			"null", "true", "[]", "{}", "\"\"", "1 2");

	private static final List<byte[]> WHOLE_BODIES = literals("", " ", "{", "}", "[]", "null", "\"text\"", "123",
			"true", "{\"a\":}", "{'a':1}", "{,}", "[".repeat(5_000), "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000),
			"{\"a\":1e999999}");

	private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x", "*/*",
			"application/*", "garbage", "", "application/json; charset=ebcdic", "application/json; charset=utf-16",
			"application/json;;;", "application/json; boundary", "application/json\u0000",
			"application/json, text/plain", "text/html; charset=\u00ff");

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
			"FOO", "get", "CONNECT");

	private final JsonNode document;

	private final List<Probe> probes = new ArrayList<>();

	private BadInputs(OpenApiDescription description) {
		this.document = description.document();
	}

	/** The probes for every operation of the gateway's description. */
	static List<Probe> of(OpenApiDescription description) {
		BadInputs inputs = new BadInputs(description);
		Set<String> paths = new LinkedHashSet<>();
		for (Operation operation : description.operations()) {
			inputs.operation(operation);
			paths.add(operation.path());
		}
		paths.forEach((path) -> inputs.methods(path, description.operations()));
		return inputs.probes;
	}

	private void operation(Operation operation) {
		Base base = Base.of(operation);
		for (JsonNode parameter : operation.parameters()) {
			String name = parameter.path("name").asString();
			switch (parameter.path("in").asString()) {
				case "path" -> PATH_VALUES.forEach(
						(value) -> add(operation, "path " + name + "=" + printable(value), base.withPath(name, value)));
				case "query" -> query(operation, base, name, parameter.path("schema"));
				case "header" -> header(operation, base, name);
				default -> {
				}
			}
		}
		headers(operation, base);
		if (base.body() != null) {
			body(operation, base);
		}
	}

	private void query(Operation operation, Base base, String name, JsonNode schema) {
		List<String> values = new ArrayList<>(QUERY_VALUES);
		if (schema.has("minimum")) {
			values.add(String.valueOf(schema.get("minimum").asLong() - 1));
		}
		if (schema.has("maximum")) {
			values.add(String.valueOf(schema.get("maximum").asLong() + 1));
		}
		if (schema.has("maxLength")) {
			values.add("a".repeat(schema.get("maxLength").asInt() + 1));
		}
		values.forEach((value) -> add(operation, "query " + name + "=" + printable(value),
				base.withQuery(name + "=" + value)));
		add(operation, "query " + name + " twice", base.withQuery(name + "=1&" + name + "=2"));
		add(operation, "query " + name + "[]", base.withQuery(name + "[]=1"));
		add(operation, "query " + name + " without =", base.withQuery(name));
		add(operation, "query unknown", base.withQuery("unknown=%00&=&&&%00=1"));
		add(operation, "query 9 KB", base.withQuery("q=" + "A".repeat(9_000)));
	}

	private void header(Operation operation, Base base, String name) {
		add(operation, "header " + name + " missing", base.withoutHeader(name));
		for (String value : List.of("", "short", "x".repeat(101), "key with spaces",
				"\u00d0\u00ba\u00d0\u00bb\u00d1\u008e\u00d1\u0087-\u00d0\u00ba\u00d0\u00bb\u00d1\u008e\u00d1\u0087",
				"\u0001".repeat(8), "%00%00%00%00", "../../../../", "<script>alert(1)</script>")) {
			add(operation, "header " + name + "=" + printable(value), base.withHeader(name, value));
		}
	}

	private void headers(Operation operation, Base base) {
		String[][] odd = { { "Accept", "text/html" }, { "Accept", "application/xml" }, { "Accept", "*/*;q=abc" },
				{ "Accept", "image/png" }, { "Accept", "" }, { "Cookie", "SESSION=garbage" },
				{ "Cookie", "SESSION=%00%0d%0a" }, { "Cookie", "SESSION=" + "A".repeat(5_000) },
				{ "Cookie", "SESSION=" }, { "Cookie", "SESSION=a; SESSION=b; SESSION=c" },
				{ "X-User-Id", "00000000-0000-0000-0000-000000000001" }, { "X-User-Roles", "admin" },
				{ "X-Statewise-Identity", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ2aWN0aW0iLCJyb2xlcyI6WyJhZG1pbiJdfQ." },
				{ "X-Statewise-Identity", "garbage" }, { "X-Forwarded-For", "garbage, 10.0.0.1" },
				{ "Forwarded", "for=evil;proto=gopher" }, { "X-Statewise-Deadline", "0" },
				{ "X-Statewise-Deadline", "-1" }, { "X-Statewise-Deadline", "abc" },
				{ "Origin", "http://evil.example" }, { "Origin", "null" }, { "Sec-Fetch-Site", "cross-site" },
				{ "If-None-Match", "garbage\"" }, { "Range", "bytes=abc" }, { "X-Probe", "a\u0001b" },
				{ "X-Probe", "a\u0000b" }, { "X-Probe", "\u00c3\u00bc\u00ff" }, { "X Probe", "1" },
				{ "X-Probe\u0000", "1" }, { "X-Probe", "a\r\n b" }, { "X-Probe", "A".repeat(6_000) },
				{ "X-Probe", "A".repeat(20_000) }, { "Expect", "100-continue" }, { "Content-Encoding", "gzip" },
				{ "X-HTTP-Method-Override", "DELETE" }, { "Host", "evil.example" }, { "Host", "" } };
		for (String[] header : odd) {
			add(operation, "header " + printable(header[0]) + ": " + printable(header[1]),
					base.withHeader(header[0], header[1]));
		}
		add(operation, "no Host", base.withFlag(Flag.NO_HOST));
		add(operation, "two Hosts", base.withExtraHeader("Host", "evil.example"));
		Base many = base;
		for (int i = 0; i < 120; i++) {
			many = many.withExtraHeader("X-Many-" + i, "v");
		}
		add(operation, "120 headers", many);
	}

	private void body(Operation operation, Base base) {
		JsonNode example = JSON.readTree(base.body());
		JsonNode schema = operation.node().path("requestBody").path("content").path("application/json").path("schema");
		for (Leaf leaf : leaves(example, schema, List.of())) {
			List<byte[]> values = new ArrayList<>(leaf.integer() ? INTEGER_LITERALS : STRING_LITERALS);
			if (leaf.schema().has("maximum")) {
				values.add(utf8(String.valueOf(leaf.schema().get("maximum").asLong() + 1)));
			}
			if (leaf.schema().has("minimum")) {
				values.add(utf8(String.valueOf(leaf.schema().get("minimum").asLong() - 1)));
			}
			if (leaf.schema().has("maxLength")) {
				values.add(utf8("\"" + "a".repeat(leaf.schema().get("maxLength").asInt() + 1) + "\""));
			}
			for (byte[] value : values) {
				add(operation, "body " + leaf.pointer() + "=" + printable(new String(value, StandardCharsets.UTF_8)),
						base.withBody(replaced(example, leaf.path(), value)));
			}
			add(operation, "body " + leaf.pointer() + " missing", base.withBody(utf8(removed(example, leaf.path()))));
			add(operation, "body " + leaf.pointer() + " raw NUL",
					base.withBody(replaced(example, leaf.path(), new byte[] { '"', 'a', 0, 'b', '"' })));
			add(operation, "body " + leaf.pointer() + " invalid UTF-8",
					base.withBody(replaced(example, leaf.path(), new byte[] { '"', (byte) 0xff, (byte) 0xfe, '"' })));
		}
		String json = JSON.writeValueAsString(example);
		WHOLE_BODIES.forEach((body) -> add(operation, "body " + abbreviated(new String(body, StandardCharsets.UTF_8)),
				base.withBody(body)));
		add(operation, "body with BOM",
				base.withBody(concat(new byte[] { (byte) 0xef, (byte) 0xbb, (byte) 0xbf }, utf8(json))));
		add(operation, "body and garbage", base.withBody(utf8(json + "garbage")));
		add(operation, "body twice", base.withBody(utf8(json + json)));
		add(operation, "body as UTF-16", base.withBody(json.getBytes(StandardCharsets.UTF_16LE)));
		add(operation, "body with comment", base.withBody(utf8("/* c */" + json)));
		add(operation, "body with trailing comma", base.withBody(utf8(json.substring(0, json.length() - 1) + ",}")));
		add(operation, "body in an array", base.withBody(utf8("[" + json + "]")));
		add(operation, "body with unknown member",
				base.withBody(utf8(json.substring(0, json.length() - 1) + ",\"unknown\":{\"x\":[1,2]}}")));
		add(operation, "body with duplicate member", base.withBody(utf8(duplicated(json))));
		add(operation, "body 70 KB", base.withBody(utf8(json + " ".repeat(70_000))));
		add(operation, "body 1 MB", base.withBody(utf8(json + " ".repeat(1_000_000))));
		arrays(operation, base, example);
		for (String type : CONTENT_TYPES) {
			add(operation, "Content-Type: " + printable(type), base.withHeader("Content-Type", type));
		}
		add(operation, "no Content-Type", base.withoutHeader("Content-Type"));
		add(operation, "Content-Length: abc", base.withFlag(Flag.OWN_FRAMING).withExtraHeader("Content-Length", "abc"));
		add(operation, "Content-Length and chunked",
				base.withFlag(Flag.OWN_FRAMING)
					.withExtraHeader("Transfer-Encoding", "chunked")
					.withExtraHeader("Content-Length", String.valueOf(json.length()))
					.withBody(utf8(Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")));
		add(operation, "chunked",
				base.withFlag(Flag.OWN_FRAMING)
					.withExtraHeader("Transfer-Encoding", "chunked")
					.withBody(utf8(Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")));
		add(operation, "chunked, bad chunk size",
				base.withFlag(Flag.OWN_FRAMING)
					.withExtraHeader("Transfer-Encoding", "chunked")
					.withBody(utf8("zz\r\n" + json + "\r\n0\r\n\r\n")));
	}

	/** Arrays over their limit and with repeated items, for each array in the example. */
	private void arrays(Operation operation, Base base, JsonNode example) {
		example.properties().forEach((member) -> {
			if (member.getValue().isArray() && !member.getValue().isEmpty()) {
				for (int size : List.of(0, 51, 1_000)) {
					ObjectNode copy = (ObjectNode) example.deepCopy();
					ArrayNode items = copy.putArray(member.getKey());
					for (int i = 0; i < size; i++) {
						items.add(member.getValue().get(0).deepCopy());
					}
					add(operation, "body " + member.getKey() + " with " + size + " items",
							base.withBody(utf8(JSON.writeValueAsString(copy))));
				}
			}
		});
	}

	/** Methods the path does not take, with a JSON body where one could be read. */
	private void methods(String path, List<Operation> operations) {
		Set<String> documented = new LinkedHashSet<>();
		Operation any = null;
		for (Operation operation : operations) {
			if (operation.path().equals(path)) {
				documented.add(operation.method());
				any = operation;
			}
		}
		Base base = Base.of(any).withoutBody();
		for (String method : METHODS) {
			if (!documented.contains(method)) {
				add(any, "method " + method,
						base.withMethod(method).withBody(utf8("{}")).withHeader("Content-Type", "application/json"));
			}
		}
	}

	private void add(Operation operation, String what, Base request) {
		Set<Flag> flags = EnumSet.copyOf(request.flags());
		// a logout ends the session whatever else the request carries, and a login that
		// succeeds (the example account exists once a test has signed it up) replaces it:
		// never as a signed-in shopper
		if (request.target().startsWith("/api/session/")) {
			flags.add(Flag.ANONYMOUS_ONLY);
		}
		this.probes.add(new Probe(operation + ": " + what, request.method(), request.target(), request.headers(),
				request.body(), flags));
	}

	private List<Leaf> leaves(JsonNode example, JsonNode unresolved, List<Object> path) {
		JsonNode schema = resolved(unresolved);
		List<Leaf> leaves = new ArrayList<>();
		if (example.isObject()) {
			example.properties().forEach((member) -> {
				List<Object> at = new ArrayList<>(path);
				at.add(member.getKey());
				leaves.addAll(leaves(member.getValue(), schema.path("properties").path(member.getKey()), at));
			});
		}
		else if (example.isArray() && !example.isEmpty()) {
			List<Object> at = new ArrayList<>(path);
			at.add(0);
			leaves.addAll(leaves(example.get(0), schema.path("items"), at));
		}
		else {
			leaves.add(new Leaf(path, example.isNumber(), schema));
		}
		return leaves;
	}

	private JsonNode resolved(JsonNode schema) {
		String ref = schema.path("$ref").asString("");
		return ref.isEmpty() ? schema : this.document.at(ref.substring(1));
	}

	private static byte[] replaced(JsonNode example, List<Object> path, byte[] value) {
		JsonNode copy = example.deepCopy();
		JsonNode parent = parent(copy, path);
		Object last = path.get(path.size() - 1);
		if (last instanceof Integer index) {
			((ArrayNode) parent).set(index, MARKER);
		}
		else {
			((ObjectNode) parent).put((String) last, MARKER);
		}
		String json = JSON.writeValueAsString(copy);
		int at = json.indexOf("\"" + MARKER + "\"");
		return concat(utf8(json.substring(0, at)), value, utf8(json.substring(at + MARKER.length() + 2)));
	}

	private static String removed(JsonNode example, List<Object> path) {
		JsonNode copy = example.deepCopy();
		JsonNode parent = parent(copy, path);
		Object last = path.get(path.size() - 1);
		if (last instanceof Integer index) {
			((ArrayNode) parent).remove(index);
		}
		else {
			((ObjectNode) parent).remove((String) last);
		}
		return JSON.writeValueAsString(copy);
	}

	private static JsonNode parent(JsonNode root, List<Object> path) {
		JsonNode node = root;
		for (Object step : path.subList(0, path.size() - 1)) {
			node = (step instanceof Integer index) ? node.get(index) : node.get((String) step);
		}
		return node;
	}

	private static String duplicated(String json) {
		int colon = json.indexOf(':');
		int comma = json.indexOf(',');
		String first = json.substring(1, (comma > 0 && comma > colon) ? comma : json.length() - 1);
		return "{" + first + "," + json.substring(1);
	}

	private static List<byte[]> literals(String... texts) {
		List<byte[]> all = new ArrayList<>();
		for (String text : texts) {
			all.add(utf8(text));
		}
		return all;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			all.writeBytes(part);
		}
		return all.toByteArray();
	}

	static String printable(String text) {
		String shown = abbreviated(text);
		StringBuilder out = new StringBuilder();
		shown.chars().forEach((c) -> out.append((c < 0x20 || c == 0x7f) ? String.format("\\x%02x", c) : (char) c));
		return out.toString();
	}

	private static String abbreviated(String text) {
		return (text.length() > 40) ? text.substring(0, 20) + "...(" + text.length() + " chars)" : text;
	}

	/** What a probe needs besides its request. */
	enum Flag {

		/** no Host header at all */
		NO_HOST,
		/** Content-Length or Transfer-Encoding given by the probe */
		OWN_FRAMING,
		/** would end a signed-in shopper's session: sent anonymously only */
		ANONYMOUS_ONLY

	}

	/**
	 * One malformed request. {@code target} and header text are written as ISO-8859-1,
	 * one byte per character, so that raw bytes (UTF-8 sequences, control characters)
	 * reach the wire as given.
	 */
	record Probe(String what, String method, String target, List<String[]> headers, byte @Nullable [] body,
			Set<Flag> flags) {

		/**
		 * The request as a client at the gateway would send it, with its cookie if any.
		 */
		byte[] render(int gatewayPort, @Nullable String cookie) {
			String host = "127.0.0.1:" + gatewayPort;
			StringBuilder head = new StringBuilder(this.method).append(' ').append(this.target).append(" HTTP/1.1\r\n");
			boolean ownHost = this.headers.stream().anyMatch((header) -> header[0].equals("Host"));
			boolean ownCookie = this.headers.stream().anyMatch((header) -> header[0].equals("Cookie"));
			boolean ownOrigin = this.headers.stream().anyMatch((header) -> header[0].equals("Origin"));
			if (!ownHost && !this.flags.contains(Flag.NO_HOST)) {
				head.append("Host: ").append(host).append("\r\n");
			}
			head.append("Connection: close\r\n");
			if (cookie != null && !ownCookie) {
				head.append("Cookie: ").append(cookie).append("\r\n");
			}
			if (!ownOrigin && !Set.of("GET", "HEAD", "OPTIONS").contains(this.method)) {
				head.append("Origin: http://").append(host).append("\r\n");
			}
			for (String[] header : this.headers) {
				head.append(header[0]).append(": ").append(header[1]).append("\r\n");
			}
			if (this.body != null && !this.flags.contains(Flag.OWN_FRAMING)) {
				head.append("Content-Length: ").append(this.body.length).append("\r\n");
			}
			head.append("\r\n");
			byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
			return (this.body != null) ? concat(start, this.body) : start;
		}

		/** The gateway route the probe is rate limited on. */
		String route() {
			if (this.target.startsWith("/api/catalog")) {
				return "catalog";
			}
			if (this.target.startsWith("/api/orders")) {
				return "orders";
			}
			return this.target.startsWith("/api/") ? "session" : "other";
		}

	}

	private record Leaf(List<Object> path, boolean integer, JsonNode schema) {

		String pointer() {
			StringBuilder pointer = new StringBuilder();
			this.path.forEach((step) -> pointer.append('/').append(step));
			return pointer.toString();
		}

	}

	/** An operation's valid example request, and copies of it with one thing changed. */
	private record Base(String method, String pathTemplate, Map<String, String> pathValues, String query,
			List<String[]> headers, byte @Nullable [] body, Set<Flag> flags) {

		static Base of(Operation operation) {
			Map<String, String> values = new java.util.LinkedHashMap<>();
			List<String> query = new ArrayList<>();
			List<String[]> headers = new ArrayList<>();
			for (JsonNode parameter : operation.parameters()) {
				String name = parameter.path("name").asString();
				String example = example(parameter);
				switch (parameter.path("in").asString()) {
					case "path" -> values.put(name, (example != null) ? example : "x");
					case "query" -> {
						if (example != null) {
							query.add(name + "=" + example);
						}
					}
					case "header" -> headers.add(new String[] { name, (example != null) ? example : "x" });
					default -> {
					}
				}
			}
			if (operation.method().equals("POST") && operation.path().equals("/api/orders")) {
				// never a valid checkout: a valid one would place an order and take stock
				headers.removeIf((header) -> header[0].equalsIgnoreCase("Idempotency-Key"));
				headers.add(new String[] { "Idempotency-Key", "bad" });
			}
			JsonNode json = operation.node().path("requestBody").path("content").path("application/json");
			byte[] body = null;
			if (json.has("example")) {
				body = utf8(JSON.writeValueAsString(json.get("example")));
				headers.add(new String[] { "Content-Type", "application/json" });
			}
			return new Base(operation.method(), operation.path(), values, String.join("&", query), headers, body,
					EnumSet.noneOf(Flag.class));
		}

		private static @Nullable String example(JsonNode parameter) {
			JsonNode example = parameter.has("example") ? parameter.get("example")
					: parameter.path("schema").path("example");
			return example.isMissingNode() ? null : example.asString();
		}

		String target() {
			String path = this.pathTemplate;
			for (Map.Entry<String, String> value : this.pathValues.entrySet()) {
				path = path.replace("{" + value.getKey() + "}", value.getValue());
			}
			return this.query.isEmpty() ? path : path + "?" + this.query;
		}

		Base withPath(String name, String value) {
			Map<String, String> values = new java.util.LinkedHashMap<>(this.pathValues);
			values.put(name, value);
			return new Base(this.method, this.pathTemplate, values, this.query, this.headers, this.body, this.flags);
		}

		Base withQuery(String replacement) {
			String name = replacement.contains("=") ? replacement.substring(0, replacement.indexOf('=')) : replacement;
			List<String> kept = new ArrayList<>();
			for (String pair : this.query.split("&")) {
				if (!pair.isEmpty() && !pair.startsWith(name + "=") && !name.startsWith(pair.split("=")[0] + "[")) {
					kept.add(pair);
				}
			}
			kept.add(replacement);
			return new Base(this.method, this.pathTemplate, this.pathValues, String.join("&", kept), this.headers,
					this.body, this.flags);
		}

		Base withHeader(String name, String value) {
			return withoutHeader(name).withExtraHeader(name, value);
		}

		Base withExtraHeader(String name, String value) {
			List<String[]> headers = new ArrayList<>(this.headers);
			headers.add(new String[] { name, value });
			return new Base(this.method, this.pathTemplate, this.pathValues, this.query, headers, this.body,
					this.flags);
		}

		Base withoutHeader(String name) {
			List<String[]> headers = new ArrayList<>(this.headers);
			headers.removeIf((header) -> header[0].equalsIgnoreCase(name));
			return new Base(this.method, this.pathTemplate, this.pathValues, this.query, headers, this.body,
					this.flags);
		}

		Base withBody(byte[] body) {
			return new Base(this.method, this.pathTemplate, this.pathValues, this.query, this.headers, body,
					this.flags);
		}

		Base withoutBody() {
			return new Base(this.method, this.pathTemplate, this.pathValues, this.query, this.headers, null, this.flags)
				.withoutHeader("Content-Type");
		}

		Base withMethod(String method) {
			return new Base(method, this.pathTemplate, this.pathValues, this.query, this.headers, this.body,
					this.flags);
		}

		Base withFlag(Flag flag) {
			Set<Flag> flags = EnumSet.noneOf(Flag.class);
			flags.addAll(this.flags);
			flags.add(flag);
			return new Base(this.method, this.pathTemplate, this.pathValues, this.query, this.headers, this.body,
					flags);
		}

	}

}
