package io.statewise.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import io.statewise.embedded.Folders;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole local stack once per JVM, in this JVM (the services still run as
 * separate JVMs), on ports shifted by a random offset and with a temporary data folder.
 * Tests receive a {@link Stack} to call the control API. End-to-end, failover and browser
 * tests of later issues use the same extension:
 * {@code @ExtendWith(LocalStackExtension.class)}. A class annotated
 * {@code @StackSessionMode(MEMORY)} gets a stack in session memory mode instead; only one
 * stack runs at a time, so asking for the other mode stops the running one first.
 */
public class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

	private static @Nullable Stack stack;

	@Override
	public void beforeAll(ExtensionContext context) {
		shared(mode(context));
	}

	static synchronized Stack shared() {
		return shared(SessionMode.REDIS);
	}

	/**
	 * The running stack of that session mode, started if needed; a running stack of the
	 * other mode is stopped first (two would share nothing and halve the machine).
	 */
	static synchronized Stack shared(SessionMode mode) {
		if (stack != null && !stack.isClosed() && stack.sessionMode() != mode) {
			stack.close();
		}
		if (stack == null || stack.isClosed()) {
			Stack started = Stack.start(mode);
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-stack-test-shutdown"));
			stack = started;
		}
		return stack;
	}

	/**
	 * The stack that runs now (the one the current test class asked for), or the
	 * {@code redis} stack when none does.
	 */
	static synchronized Stack running() {
		return (stack != null && !stack.isClosed()) ? stack : shared();
	}

	static SessionMode mode(ExtensionContext context) {
		return AnnotationSupport.findAnnotation(context.getTestClass(), StackSessionMode.class)
			.map(StackSessionMode::value)
			.orElse(SessionMode.REDIS);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Stack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return shared(mode(context));
	}

	/** A running stack and a client for its control API. */
	public static final class Stack implements AutoCloseable {

		private static final HttpClient HTTP = HttpClient.newHttpClient();

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final ConfigurableApplicationContext context;

		private final Path dataDir;

		private final int portOffset;

		private final SessionMode sessionMode;

		private Stack(ConfigurableApplicationContext context, Path dataDir, int portOffset, SessionMode sessionMode) {
			this.context = context;
			this.dataDir = dataDir;
			this.portOffset = portOffset;
			this.sessionMode = sessionMode;
		}

		static Stack start(SessionMode mode) {
			PortsInUseException lastConflict = null;
			for (int attempt = 0; attempt < 3; attempt++) {
				Path dataDir = tempDir();
				// below 32768 (the ephemeral range) for every port, including the
				// Sentinels at 26379+
				int offset = 1000 + new SecureRandom().nextInt(500) * 10;
				try {
					ConfigurableApplicationContext context = run(dataDir, offset,
							"--stack.session-mode=" + mode.value());
					return new Stack(context, dataDir, offset, mode);
				}
				catch (PortsInUseException ex) {
					lastConflict = ex;
					Folders.deleteRecursively(dataDir);
				}
			}
			throw lastConflict;
		}

		static ConfigurableApplicationContext run(Path dataDir, int portOffset, String... extraArgs) {
			String[] args = new String[extraArgs.length + 3];
			args[0] = "--server.port=0";
			args[1] = "--stack.data-dir=" + dataDir;
			args[2] = "--stack.port-offset=" + portOffset;
			System.arraycopy(extraArgs, 0, args, 3, extraArgs.length);
			return SpringApplication.run(LocalStackApplication.class, args);
		}

		private static Path tempDir() {
			try {
				return Files.createTempDirectory("statewise-local-stack-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		public int portOffset() {
			return this.portOffset;
		}

		public SessionMode sessionMode() {
			return this.sessionMode;
		}

		public int controlPort() {
			return ((WebServerApplicationContext) this.context).getWebServer().getPort();
		}

		/** {@code GET /components} or {@code GET /components/{name}}. */
		public Response get(String path) {
			return send(HttpRequest.newBuilder(uri(path)).GET());
		}

		/** {@code POST /components/{name}/{action}}. */
		public Response post(String path) {
			return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
		}

		private URI uri(String path) {
			return URI.create("http://127.0.0.1:" + controlPort() + path);
		}

		private static Response send(HttpRequest.Builder request) {
			try {
				HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofMinutes(3)).build(),
						HttpResponse.BodyHandlers.ofString());
				return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
						JSON.readTree(response.body()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/** A component's state: {@code RUNNING}, {@code FROZEN} or {@code STOPPED}. */
		public String state(String name) {
			return get("/components/" + name).body().get("state").asString();
		}

		/**
		 * Starts or thaws each named component that is not running, as a test leaves the
		 * stack after a drill; returns once each is ready (the control API's promise)
		 * and, when PostgreSQL was among them, once every service reaches it again.
		 */
		public void restore(String... names) {
			for (String name : names) {
				switch (state(name)) {
					case "FROZEN" -> post("/components/" + name + "/thaw");
					case "STOPPED" -> post("/components/" + name + "/start");
					default -> {
					}
				}
			}
			if (List.of(names).contains("postgres")) {
				// PostgreSQL ready is not the services' pools ready: HikariCP retries a
				// failed connection with a backoff that doubles to 5 s, so a sign-up just
				// after the start was still answered "Accounts database unavailable"
				Awaitility.await()
					.atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(200))
					.until(this::everyServiceReachesPostgres);
			}
		}

		/** Each service instance's {@code db} health is up (the gateway has none). */
		private boolean everyServiceReachesPostgres() {
			for (JsonNode component : get("/components").body()) {
				if (component.get("kind").asString().equals("SERVICE")
						&& component.get("state").asString().equals("RUNNING")) {
					URI db = URI
						.create("http://127.0.0.1:" + component.get("managementPort").asInt() + "/actuator/health/db");
					if (send(HttpRequest.newBuilder(db).GET()).status() != 200) {
						return false;
					}
				}
			}
			return true;
		}

		/**
		 * The component that answered with this {@code X-Served-By}
		 * ({@code session-service/127.0.0.1:8182} is {@code session-service-2}): the one
		 * listening on that port.
		 */
		public String serving(String servedBy) {
			String port = ":" + servedBy.substring(servedBy.lastIndexOf(':') + 1);
			for (JsonNode component : get("/components").body()) {
				if (component.get("url").asString().endsWith(port)) {
					return component.get("name").asString();
				}
			}
			throw new IllegalArgumentException("No component listens where " + servedBy + " says");
		}

		boolean isClosed() {
			return !this.context.isActive();
		}

		/**
		 * Stops every component (the control API's own shutdown path) and deletes the
		 * data.
		 */
		@Override
		public synchronized void close() {
			if (this.context.isActive()) {
				this.context.close();
			}
			Folders.deleteRecursively(this.dataDir);
		}

	}

	/** A control API answer. */
	public record Response(int status, String contentType, JsonNode body) {

	}

}
