package io.statewise.order;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cheapest inventory that speaks the reservation API, for benchmarks: the JDK's HTTP
 * server answering RESERVED at once, so the figures are order-service's, not a fake's
 * (WireMock's own cost per call is larger than what is measured).
 */
public final class StubInventory implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads;

	private StubInventory(HttpServer server, ExecutorService threads) {
		this.server = server;
		this.threads = threads;
	}

	public static StubInventory start() throws IOException {
		// without it the JDK server's small writes meet delayed ACKs: +40 ms a call
		System.setProperty("sun.net.httpserver.nodelay", "true");
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		server.setExecutor(threads);
		server.createContext("/", StubInventory::answer);
		server.start();
		return new StubInventory(server, threads);
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static void answer(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		byte[] body;
		if (path.startsWith("/internal/reservations/")) {
			JsonNode request = JSON.readTree(exchange.getRequestBody());
			List<Map<String, Object>> lines = new ArrayList<>();
			for (JsonNode line : request.path("lines")) {
				lines.add(Map.of("productId", line.path("productId").asString(), "quantity",
						line.path("quantity").asInt(), "unitPrice", Map.of("amountMinor", 100, "currency", "EUR")));
			}
			body = JSON.writeValueAsBytes(Map.of("orderId", path.split("/")[3], "status", "RESERVED", "lines", lines,
					"shortLines", List.of()));
		}
		else {
			body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
		}
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		exchange.getResponseBody().write(body);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

}
