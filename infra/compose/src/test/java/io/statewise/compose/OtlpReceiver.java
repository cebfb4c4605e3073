package io.statewise.compose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for an OpenTelemetry collector: accepts OTLP/HTTP trace exports (protobuf) on
 * loopback and keeps their bodies, so a test can ask which services sent spans of a trace
 * without decoding the protocol: a span carries its trace id as 16 raw bytes, and an
 * export names its service in the resource attribute {@code service.name}.
 */
final class OtlpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<byte[]> exports = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext("/v1/traces", (exchange) -> {
				try (InputStream body = exchange.getRequestBody()) {
					boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
					receiver.exports.add((gzip ? new GZIPInputStream(body) : body).readAllBytes());
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/** The services (their {@code service.name}) that exported spans of this trace. */
	Set<String> servicesWithSpansOf(String traceIdHex, List<String> services) {
		byte[] traceId = HexFormat.of().parseHex(traceIdHex);
		Set<String> found = new TreeSet<>();
		for (byte[] export : this.exports) {
			if (indexOf(export, traceId) >= 0) {
				services.stream().filter((service) -> indexOf(export, serviceName(service)) >= 0).forEach(found::add);
			}
		}
		return found;
	}

	/**
	 * The resource attribute as protobuf writes it: key "service.name", then an AnyValue
	 * (field 2) holding a string_value (field 1).
	 */
	private static byte[] serviceName(String service) {
		byte[] key = "service.name".getBytes(StandardCharsets.UTF_8);
		byte[] value = service.getBytes(StandardCharsets.UTF_8);
		byte[] encoded = new byte[key.length + 4 + value.length];
		System.arraycopy(key, 0, encoded, 0, key.length);
		encoded[key.length] = 0x12;
		encoded[key.length + 1] = (byte) (value.length + 2);
		encoded[key.length + 2] = 0x0A;
		encoded[key.length + 3] = (byte) value.length;
		System.arraycopy(value, 0, encoded, key.length + 4, value.length);
		return encoded;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
