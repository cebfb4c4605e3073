package io.statewise.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * WireMock servers standing in for the services (remote services, so a fake is fair),
 * started once per JVM on random ports: two inventory-service and two order-service
 * instances, one session-service instance plus one that is "ready" but refuses
 * connections (its readiness is answered by the live one's port), which exercises retries
 * after connect failures (in session {@code memory} mode, a second live instance takes
 * its place). Each server answers its readiness probe.
 */
final class Backends {

	static final WireMockServer INVENTORY_A = start();

	static final WireMockServer INVENTORY_B = start();

	static final WireMockServer ORDERS_A = start();

	static final WireMockServer ORDERS_B = start();

	static final WireMockServer SESSIONS = start();

	/**
	 * A second live session-service, used instead of the dead one when sessions are
	 * sticky.
	 */
	static final WireMockServer SESSIONS_B = start();

	static final int DEAD_SESSION_PORT = freePort();

	/** How many instances of each service the gateway knows. */
	static final Map<String, Integer> INSTANCES = Map.of("inventory-service", 2, "order-service", 2, "session-service",
			2);

	private static final List<WireMockServer> ALL = List.of(INVENTORY_A, INVENTORY_B, ORDERS_A, ORDERS_B, SESSIONS,
			SESSIONS_B);

	private static final Set<UUID> BASE_STUBS = new HashSet<>();

	/** session-service's introspection of a cookie that is no logged-in session. */
	private static final String ANONYMOUS = "{\"authenticated\":false,\"userId\":null,\"roles\":[],\"expiresAt\":null}";

	static {
		ALL.forEach((server) -> base(server, readiness(200)));
		base(SESSIONS, get(urlEqualTo("/internal/session")).atPriority(10).willReturn(okJson(ANONYMOUS)));
	}

	private Backends() {
	}

	static MappingBuilder readiness(int status) {
		return get(urlEqualTo("/actuator/health/readiness")).atPriority(10)
			.willReturn(aResponse().withStatus(status)
				.withBody("{\"status\":\"" + (status == 200 ? "UP" : "DOWN") + "\"}"));
	}

	/** A session cookie value that session-service recognises as the user's. */
	static String loggedIn(String userId, String... roles) {
		return loggedIn(SESSIONS, userId, roles);
	}

	/** A session cookie value that this session-service instance alone recognises. */
	static String loggedIn(WireMockServer instance, String userId, String... roles) {
		String session = "session-" + UUID.randomUUID();
		String roleList = String.join("\",\"", roles);
		instance.stubFor(get(urlEqualTo("/internal/session")).withCookie("SESSION", equalTo(session))
			.atPriority(1)
			.willReturn(okJson("{\"authenticated\":true,\"userId\":\"" + userId + "\",\"roles\":["
					+ (roles.length > 0 ? "\"" + roleList + "\"" : "") + "],\"expiresAt\":\"2030-01-01T00:00:00Z\"}")));
		return session;
	}

	/**
	 * session-service forgets a session of {@link #loggedIn}, as after a logout:
	 * anonymous from now on (the newest stub of equal priority wins).
	 */
	static void loggedOut(String session) {
		SESSIONS.stubFor(get(urlEqualTo("/internal/session")).withCookie("SESSION", equalTo(session))
			.atPriority(1)
			.willReturn(okJson(ANONYMOUS)));
	}

	/**
	 * How many requests the server received that match; waits for its journal to settle,
	 * since WireMock may record a request just after answering it.
	 */
	static int count(WireMockServer server, RequestPatternBuilder pattern) {
		int previous = -1;
		int current = server.findAll(pattern).size();
		for (int i = 0; i < 20 && current != previous; i++) {
			sleep();
			previous = current;
			current = server.findAll(pattern).size();
		}
		return current;
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Forget the previous test's stubs and requests; the base stubs stay (readiness never
	 * flickers).
	 */
	static void reset() {
		for (WireMockServer server : ALL) {
			server.getStubMappings()
				.stream()
				.filter((stub) -> !BASE_STUBS.contains(stub.getId()))
				.toList()
				.forEach(server::removeStubMapping);
			server.resetRequests();
		}
	}

	private static void base(WireMockServer server, MappingBuilder stub) {
		BASE_STUBS.add(server.stubFor(stub).getId());
	}

	private static WireMockServer start() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		return server;
	}

	/**
	 * The instance id the gateway gives a fake: in {@code X-Served-By} and the sticky
	 * cookie.
	 */
	static String instanceId(WireMockServer server) {
		return "127.0.0.1:" + server.port();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String instance(int port, int managementPort) {
		return "http://127.0.0.1:" + port + "?management-port=" + managementPort;
	}

	private static String instances(WireMockServer... servers) {
		return String.join(",", java.util.Arrays.stream(servers).map((s) -> instance(s.port(), s.port())).toList());
	}

	/** Points the gateway's instance lists at the fake backends. */
	static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			String prefix = "spring.cloud.discovery.client.simple.instances.";
			boolean sticky = context.getEnvironment()
				.getProperty("statewise.gateway.session-mode", String.class, "redis")
				.equalsIgnoreCase("memory");
			String sessions = sticky ? instances(SESSIONS, SESSIONS_B)
					: instances(SESSIONS) + "," + instance(DEAD_SESSION_PORT, SESSIONS.port());
			TestPropertyValues.of(prefix + "inventory-service=" + instances(INVENTORY_A, INVENTORY_B),
					prefix + "order-service=" + instances(ORDERS_A, ORDERS_B), prefix + "session-service=" + sessions)
				.applyTo(context);
		}

	}

}
