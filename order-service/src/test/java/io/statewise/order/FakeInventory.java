package io.statewise.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.statewise.testkit.OpenApiDescription;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * inventory-service's reservation API as WireMock serves it, with state: stock per
 * product, reservations idempotent by order id (a repeat returns the first result, other
 * lines are a 409), a release that leaves a marker, unknown products as 404, and the
 * readiness probe. It can go down (connections reset), be slow, or lose its answers, and
 * it counts the reserve calls it served per order id. One per JVM, shared by every
 * order-service context.
 */
public final class FakeInventory {

	private static final String RESERVATIONS = "/internal/reservations/[0-9a-f-]+";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** inventory-service's description, as its tests keep {@code docs/openapi/} true. */
	private static final OpenApiInteractionValidator CONTRACT = OpenApiInteractionValidator
		.createForInlineApiSpecification(OpenApiDescription.committed("inventory-service").document().toString())
		.build();

	private static final AtomicInteger PRODUCTS = new AtomicInteger();

	private static @Nullable FakeInventory instance;

	private final WireMockServer server;

	private final Map<String, Integer> available = new ConcurrentHashMap<>();

	private final Map<UUID, Stored> reservations = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicInteger> reserveCalls = new ConcurrentHashMap<>();

	private final List<StubMapping> failures = new ArrayList<>();

	private volatile @Nullable CountDownLatch releaseAnswers;

	private FakeInventory() {
		this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new Behaviour()));
		this.server.start();
		this.server.stubFor(put(urlPathMatching(RESERVATIONS)).atPriority(5)
			.willReturn(aResponse().withTransformers(Behaviour.NAME)));
		this.server.stubFor(post(urlPathMatching(RESERVATIONS + "/release")).atPriority(5)
			.willReturn(aResponse().withTransformers(Behaviour.NAME)));
		this.server
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/actuator/health/readiness"))
				.atPriority(5)
				.willReturn(okJson("{\"status\":\"UP\"}")));
	}

	public static synchronized FakeInventory get() {
		if (instance == null) {
			instance = new FakeInventory();
			Runtime.getRuntime().addShutdownHook(new Thread(instance.server::stop));
		}
		return instance;
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** A new product with this many units available, priced at {@link #price(String)}. */
	public String product(int units) {
		String id = "P-" + PRODUCTS.incrementAndGet();
		this.available.put(id, units);
		return id;
	}

	public static long price(String productId) {
		return 100L * (Math.abs(productId.hashCode()) % 50 + 1);
	}

	public int available(String productId) {
		return this.available.get(productId);
	}

	/** Reserve calls this fake served (answered) for an order id. */
	public int reserveCalls(UUID orderId) {
		AtomicInteger calls = this.reserveCalls.get(orderId);
		return (calls != null) ? calls.get() : 0;
	}

	public @Nullable String reservationStatus(UUID orderId) {
		Stored stored = this.reservations.get(orderId);
		return (stored != null) ? stored.status : null;
	}

	/** Reserves as if order-service had called, e.g. before it crashed. */
	public void reserveDirectly(UUID orderId, String cart) {
		reserve(orderId, cart);
	}

	/** Every request fails: connection reset, the readiness probe included. */
	public synchronized void down() {
		this.failures.add(this.server
			.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
	}

	/** Reservations answer after {@code delay}; the readiness probe stays quick. */
	public synchronized void slow(Duration delay) {
		this.failures.add(this.server.stubFor(put(urlPathMatching(RESERVATIONS)).atPriority(2)
			.willReturn(aResponse().withFixedDelay((int) delay.toMillis()).withTransformers(Behaviour.NAME))));
	}

	/** Reservations are made, but the connection drops before the answer arrives. */
	public synchronized void loseAnswers() {
		this.failures.add(this.server.stubFor(put(urlPathMatching(RESERVATIONS)).atPriority(2)
			.willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE).withTransformers(Behaviour.NAME))));
	}

	/**
	 * Releases take effect at once but are not answered until {@link #up()}: the caller
	 * waits as if the answer were still on its way.
	 */
	public synchronized void holdReleaseAnswers() {
		this.releaseAnswers = new CountDownLatch(1);
	}

	public synchronized void up() {
		this.failures.forEach(this.server::removeStub);
		this.failures.clear();
		CountDownLatch held = this.releaseAnswers;
		if (held != null) {
			held.countDown();
			this.releaseAnswers = null;
		}
	}

	/** Whether any request to inventory asked to upgrade the connection (to HTTP/2). */
	public boolean anyUpgradeRequested() {
		return this.server.getAllServeEvents()
			.stream()
			.anyMatch((event) -> event.getRequest().containsHeader("Upgrade"));
	}

	/** The exchanges served so far, to leave out of a later {@link #contract}. */
	public Set<UUID> served() {
		return this.server.getAllServeEvents().stream().map(ServeEvent::getId).collect(Collectors.toSet());
	}

	/**
	 * Where this fake's exchanges on reservation paths since {@code before} break
	 * inventory-service's own description (the committed
	 * {@code docs/openapi/inventory-service.json}, which inventory's tests keep equal to
	 * the live one): a path or method it does not have, a body it would refuse, a status
	 * or answer it never gives. Exchanges other tests broke on purpose (a reset
	 * connection, an answer withheld) are no statement about the API, hence the start.
	 */
	public Contract contract(Set<UUID> before) {
		List<String> violations = new ArrayList<>();
		int checked = 0;
		for (ServeEvent event : this.server.getAllServeEvents()) {
			LoggedRequest request = event.getRequest();
			if (before.contains(event.getId()) || !request.getUrl().startsWith("/internal/reservations/")) {
				continue;
			}
			checked++;
			violations.addAll(violations(request.getMethod().getName(), request.getUrl(), request.getBodyAsString(),
					event.getResponse().getStatus(), event.getResponse().getBodyAsString()));
		}
		return new Contract(checked, violations);
	}

	/** What inventory's description says is wrong with one exchange. */
	public static List<String> violations(String method, String url, @Nullable String body, int status,
			@Nullable String answer) {
		SimpleRequest.Builder asked = new SimpleRequest.Builder(method, url).withContentType("application/json");
		if (body != null && !body.isEmpty()) {
			asked.withBody(body);
		}
		SimpleResponse.Builder answered = SimpleResponse.Builder.status(status)
			.withContentType((status >= 400) ? "application/problem+json" : "application/json");
		if (answer != null && !answer.isEmpty()) {
			answered.withBody(answer);
		}
		return CONTRACT.validate(asked.build(), answered.build())
			.getMessages()
			.stream()
			.map((message) -> method + " " + url + " -> " + status + ": " + message.getMessage())
			.toList();
	}

	/**
	 * @param exchanges how many exchanges on reservation paths were checked
	 * @param violations what broke inventory's description
	 */
	public record Contract(int exchanges, List<String> violations) {
	}

	/** The {@code traceparent} headers of the reserve calls made for an order. */
	public List<String> traceparents(UUID orderId) {
		return this.server.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/internal/reservations/" + orderId))
			.map((event) -> event.getRequest().getHeader("traceparent"))
			.toList();
	}

	/** Requests that reached the server on reservation paths, whatever it answered. */
	public long requestsReceived() {
		return this.server.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith("/internal/"))
			.count();
	}

	private synchronized Answer reserve(UUID orderId, String body) {
		Map<String, Integer> lines = lines(body);
		String fingerprint = lines.toString();
		Stored stored = this.reservations.get(orderId);
		if (stored != null) {
			if (!fingerprint.equals(stored.fingerprint)) {
				return problem(409, "Reservation conflict", Map.of());
			}
			this.reserveCalls.computeIfAbsent(orderId, (id) -> new AtomicInteger()).incrementAndGet();
			return new Answer(200, reservation(orderId, stored));
		}
		List<String> unknown = lines.keySet().stream().filter((id) -> !this.available.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			return problem(404, "Unknown product", Map.of("unknownProducts", unknown));
		}
		Map<String, Integer> shortLines = new LinkedHashMap<>();
		lines.forEach((id, quantity) -> {
			if (this.available.get(id) < quantity) {
				shortLines.put(id, this.available.get(id));
			}
		});
		if (shortLines.isEmpty()) {
			lines.forEach((id, quantity) -> this.available.merge(id, -quantity, Integer::sum));
		}
		stored = new Stored(shortLines.isEmpty() ? "RESERVED" : "REJECTED", fingerprint, lines, shortLines);
		this.reservations.put(orderId, stored);
		this.reserveCalls.computeIfAbsent(orderId, (id) -> new AtomicInteger()).incrementAndGet();
		return new Answer(200, reservation(orderId, stored));
	}

	private synchronized Answer release(UUID orderId) {
		Stored stored = this.reservations.get(orderId);
		if (stored == null) {
			stored = new Stored("RELEASED", null, Map.of(), Map.of());
			this.reservations.put(orderId, stored);
		}
		else if (stored.status.equals("RESERVED")) {
			stored.lines.forEach((id, quantity) -> this.available.merge(id, quantity, Integer::sum));
			stored = new Stored("RELEASED", stored.fingerprint, stored.lines, Map.of());
			this.reservations.put(orderId, stored);
		}
		return new Answer(200, reservation(orderId, stored));
	}

	/** A cap, not a timing: a test that forgets {@link #up()} must not hang the build. */
	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Map<String, Integer> lines(String body) {
		Map<String, Integer> lines = new java.util.TreeMap<>();
		for (JsonNode line : JSON.readTree(body).path("lines")) {
			lines.put(line.path("productId").asString(), line.path("quantity").asInt());
		}
		return lines;
	}

	private static String reservation(UUID orderId, Stored stored) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("orderId", orderId);
		body.put("status", stored.status);
		body.put("lines",
				stored.lines.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map((line) -> Map.of("productId", line.getKey(), "quantity", line.getValue(), "unitPrice",
							Map.of("amountMinor", price(line.getKey()), "currency", "EUR")))
					.toList());
		body.put("shortLines",
				stored.shortLines.entrySet()
					.stream()
					.sorted(Comparator.comparing(Map.Entry::getKey))
					.map((line) -> Map.of("productId", line.getKey(), "requested", stored.lines.get(line.getKey()),
							"available", line.getValue()))
					.collect(Collectors.toList()));
		return JSON.writeValueAsString(body);
	}

	private static Answer problem(int status, String title, Map<String, Object> properties) {
		Map<String, Object> body = new LinkedHashMap<>(properties);
		body.put("title", title);
		body.put("status", status);
		return new Answer(status, JSON.writeValueAsString(body));
	}

	private record Stored(String status, @Nullable String fingerprint, Map<String, Integer> lines,
			Map<String, Integer> shortLines) {

	}

	private record Answer(int status, String body) {

	}

	/** The stateful part, as a WireMock transformer on the reservation stubs. */
	private final class Behaviour implements ResponseDefinitionTransformerV2 {

		static final String NAME = "fake-inventory";

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			String url = event.getRequest().getUrl();
			UUID orderId = UUID.fromString(url.split("/")[3].split("\\?")[0]);
			Answer answer = url.endsWith("/release") ? release(orderId)
					: reserve(orderId, event.getRequest().getBodyAsString());
			CountDownLatch held = FakeInventory.this.releaseAnswers;
			if (url.endsWith("/release") && held != null) {
				awaitQuietly(held);
			}
			return ResponseDefinitionBuilder.like(event.getResponseDefinition())
				.but()
				.withStatus(answer.status())
				.withHeader("Content-Type", (answer.status() >= 400) ? "application/problem+json" : "application/json")
				.withBody(answer.body())
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

	/** Points a context's inventory-service instance list at the fake. */
	public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			TestPropertyValues.of("spring.cloud.discovery.client.simple.instances.inventory-service=" + get().url())
				.applyTo(context);
		}

	}

}
