package io.statewise.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.statewise.embedded.Folders;
import io.statewise.embedded.FreePorts;
import io.statewise.embedded.ManagedProcess;
import io.statewise.embedded.PostgresServer;
import io.statewise.embedded.RedisNode;
import io.statewise.embedded.RedisTopology;
import io.statewise.localstack.StackComponent.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Starts every component in dependency order, holds them while the control API acts on
 * them, and stops them all, thawed and in reverse order, when the JVM exits.
 */
@Component
class LocalStack implements ApplicationRunner, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(LocalStack.class);

	/** The backend services in start order; each runs {@code stack.instances} times. */
	private static final List<String> SERVICES = List.of("inventory-service", "session-service", "order-service");

	private final StackProperties properties;

	private final Environment environment;

	private final Path dataDir;

	private final PostgresServer postgres;

	private final RedisTopology redis;

	private final List<ServiceInstance> backends = new ArrayList<>();

	private final ServiceInstance gateway;

	private final Map<String, StackComponent> components = new LinkedHashMap<>();

	private final Map<Integer, String> portOwners = new LinkedHashMap<>();

	private final PidFile pidFile;

	private final DemoAdmin admin;

	private final String identityKeys;

	private final ServiceJvm jvm;

	private volatile boolean started;

	private volatile boolean ready;

	LocalStack(StackProperties properties, ApplicationArguments args, Environment environment) {
		this.properties = properties;
		this.environment = environment;
		this.dataDir = properties.dataDir().toAbsolutePath().normalize();
		if (properties.fresh() || args.containsOption("fresh")) {
			logger.info("--fresh: deleting {}", this.dataDir);
			Folders.deleteRecursively(this.dataDir);
		}
		this.pidFile = new PidFile(this.dataDir.resolve("pids"));
		this.admin = DemoAdmin.in(this.dataDir);
		this.identityKeys = DemoAdmin.identityKeys(this.dataDir);
		this.jvm = ServiceJvm.choose(properties.java());
		logger.info("Services run on {}; --stack.java=<path to a java launcher> to choose", this.jvm);
		StackProperties.Ports ports = properties.ports();
		this.postgres = new PostgresServer(this.dataDir.resolve("postgres/data"), claim(ports.postgres(), "postgres"));
		RedisReplicaCount.keep(this.dataDir.resolve("redis"), properties.redisReplicas());
		int primary = claim(ports.redisPrimary(), "redis-1 (--stack.ports.redis-primary)");
		List<Integer> replicas = new ArrayList<>();
		for (int port : properties.redisReplicaPorts()) {
			replicas.add(claim(port, "redis-" + (replicas.size() + 2) + " (--stack.ports.redis-replicas)"));
		}
		this.redis = new RedisTopology(this.dataDir.resolve("redis"), new RedisTopology.Ports(primary, replicas,
				ports.sentinels().stream().map((port) -> claim(port, "a Sentinel (--stack.ports.sentinels)")).toList()),
				properties.sentinelDownAfter());
		for (String service : SERVICES) {
			for (int i = 1; i <= properties.instances(); i++) {
				this.backends.add(serviceInstance(service, i, basePort(service) + (i - 1) * ports.instanceStep()));
			}
		}
		this.gateway = serviceInstance("gateway", 1, ports.gateway());
		registerComponents();
	}

	private int basePort(String service) {
		StackProperties.Ports ports = this.properties.ports();
		return switch (service) {
			case "inventory-service" -> ports.inventory();
			case "session-service" -> ports.session();
			default -> ports.order();
		};
	}

	private int claim(int basePort, String owner) {
		int port = this.properties.port(basePort);
		this.portOwners.put(port, owner);
		return port;
	}

	private ServiceInstance serviceInstance(String service, int instance, int basePort) {
		String name = service.equals("gateway") ? service : service + "-" + instance;
		String option = "--stack.ports." + (service.equals("gateway") ? "gateway" : service.replace("-service", ""));
		int port = claim(basePort, name + " (" + option + ")");
		int managementPort = claim(basePort + this.properties.ports().managementStep(),
				name + " management (--stack.ports.management-step)");
		// plain http on localhost, so session cookies cannot be Secure here
		Map<String, String> environment = new LinkedHashMap<>(Map.of("STATEWISE_DB_HOST", "127.0.0.1",
				"STATEWISE_DB_PORT", String.valueOf(this.postgres.port()), "STATEWISE_REDIS_MASTER",
				RedisTopology.MASTER_NAME, "STATEWISE_REDIS_SENTINELS", this.redis.endpoint().nodesProperty(),
				"STATEWISE_COOKIE_SECURE", "false", "STATEWISE_ADMIN_EMAIL", this.admin.email(),
				"STATEWISE_ADMIN_PASSWORD", this.admin.password()));
		environment.put("STATEWISE_IDENTITY_KEYS", this.identityKeys);
		environment.put("STATEWISE_IDENTITY_SIGNINGKEY", "local");
		// one mode for the whole stack: session-service keeps sessions there, and the
		// gateway keeps browsers on their instance when that is its own memory
		environment.put("STATEWISE_SESSION_STORE", this.properties.sessionMode().value());
		environment.put("STATEWISE_GATEWAY_SESSION_MODE", this.properties.sessionMode().value());
		environment.putAll(instanceAddresses());
		// only the gateway may be exposed (--stack.gateway-address); every service, every
		// management port and every datastore listens on loopback alone
		String address = service.equals("gateway") ? this.properties.gatewayAddress() : "127.0.0.1";
		return new ServiceInstance(name, this.jvm.executable(), this.properties.servicesDir().resolve(service + ".jar"),
				address, port, managementPort, jvmOptions(service), environment,
				this.dataDir.resolve("logs/" + name + ".log"), this.properties.readyTimeout());
	}

	/**
	 * {@code stack.jvm-options}, and the service's {@code stack.service-properties} as
	 * system properties, which outrank its {@code application.yml}.
	 */
	private List<String> jvmOptions(String service) {
		List<String> options = new ArrayList<>(this.properties.jvmOptions());
		this.properties.serviceProperties()
			.getOrDefault(service, Map.of())
			.forEach((key, value) -> options.add("-D" + key + "=" + value));
		return options;
	}

	/**
	 * Where the instances started so far listen, so that moved ports
	 * ({@code --stack.port-offset}) are followed: one list per service, as the gateway
	 * (every service's) and order-service (inventory's) read it, and inventory's URLs
	 * alone, as session-service's catalog check reads them.
	 */
	private Map<String, String> instanceAddresses() {
		Map<String, String> environment = new LinkedHashMap<>();
		for (String service : SERVICES) {
			List<ServiceInstance> instances = this.backends.stream()
				.filter((instance) -> instance.name().startsWith(service + "-"))
				.toList();
			String variable = "STATEWISE_" + service.replace("-service", "").toUpperCase();
			environment.put(variable + "_INSTANCES",
					String.join(",",
							instances.stream()
								.map((instance) -> address(instance) + "?management-port=" + instance.managementPort())
								.toList()));
			if (service.equals("inventory-service")) {
				for (int i = 0; i < instances.size(); i++) {
					String suffix = (i == 0) ? "" : "_" + (i + 1);
					environment.put("STATEWISE_INVENTORY_URL" + suffix, address(instances.get(i)));
				}
			}
		}
		return environment;
	}

	private static String address(ServiceInstance instance) {
		return "http://127.0.0.1:" + instance.port();
	}

	private void registerComponents() {
		add(new StackComponent("postgres", Kind.POSTGRES, this.postgres,
				"postgresql://127.0.0.1:" + this.postgres.port(), null,
				() -> this.postgres.isHealthy() ? Health.UP : Health.DOWN, () -> "primary"));
		for (RedisNode node : this.redis.nodes()) {
			add(new StackComponent(node.name(), node.isSentinel() ? Kind.SENTINEL : Kind.REDIS, node,
					"redis://127.0.0.1:" + node.port(), null,
					() -> io.statewise.embedded.RedisProbe.ping(node.port()) ? Health.UP : Health.DOWN,
					() -> redisRole(node)));
		}
		Stream.concat(this.backends.stream(), Stream.of(this.gateway))
			.forEach((instance) -> add(
					new StackComponent(instance.name(), instance == this.gateway ? Kind.GATEWAY : Kind.SERVICE,
							instance, "http://127.0.0.1:" + instance.port(), instance.managementPort(),
							instance::health, () -> role(instance))));
	}

	/** Where a session-service instance keeps sessions; other services have no role. */
	private String role(ServiceInstance instance) {
		return instance.name().startsWith("session-service-") ? "sessions in " + this.properties.sessionMode().value()
				: "";
	}

	private static String redisRole(RedisNode node) {
		String role = node.role();
		return switch (role) {
			case "master" -> "primary";
			case "slave" -> "replica";
			default -> role;
		};
	}

	private void add(StackComponent component) {
		this.components.put(component.name(), component);
	}

	@Override
	public void run(ApplicationArguments args) {
		Instant startedAt = Instant.now();
		this.pidFile.killLeftovers();
		checkPortsAreFree();
		this.started = true;
		// the control API's port is known here: the web server starts before runners
		String controlPort = this.environment.getProperty("local.server.port");
		logger.info("Ops panel (watch the start here): http://127.0.0.1:{}/ops/", controlPort);
		logger.info("Starting PostgreSQL and Redis (primary, {} replica(s), 3 Sentinels) in {}",
				this.redis.replicaCount(), this.dataDir);
		this.postgres.start();
		this.redis.start();
		recordPids();
		logger.info("PostgreSQL and Redis ready after {}", seconds(startedAt));
		logger.info("Starting {} service JVMs, sessions in {}; logs in {}", this.backends.size() + 1,
				this.properties.sessionMode().value(), this.dataDir.resolve("logs"));
		List<ServiceInstance> instances = Stream.concat(this.backends.stream(), Stream.of(this.gateway)).toList();
		instances.forEach(ServiceInstance::launch);
		recordPids();
		Parallel.run(instances, (instance) -> {
			instance.awaitReady();
			logger.info("{} ready after {}", instance.name(), seconds(startedAt));
		});
		this.ready = true;
		System.out.println(StatusTable.render(views(), this.properties.sessionMode(), this.jvm,
				this.dataDir.resolve("logs"), this.admin, controlPort, StartTimes.since(startedAt)));
	}

	private static String seconds(Instant since) {
		return "%.1f s".formatted(Duration.between(since, Instant.now()).toMillis() / 1000.0);
	}

	private void checkPortsAreFree() {
		Map<Integer, String> taken = new LinkedHashMap<>();
		this.portOwners.forEach((port, owner) -> {
			if (!FreePorts.isFree(port)) {
				taken.put(port, owner);
			}
		});
		if (!taken.isEmpty()) {
			throw new PortsInUseException(taken);
		}
	}

	boolean isReady() {
		return this.ready;
	}

	List<StackComponent.ComponentView> views() {
		return this.components.values().parallelStream().map(StackComponent::view).toList();
	}

	/**
	 * A component by name; {@code redis-primary} names the data node the Sentinels see as
	 * primary now, {@code redis-replica} a replica: with two, the first other data node
	 * in name order.
	 */
	Optional<StackComponent> find(String name) {
		Optional<RedisNode> byRole = switch (name) {
			case "redis-primary" -> this.redis.currentPrimary();
			case "redis-replica" -> this.redis.currentReplica();
			default -> Optional.empty();
		};
		return Optional.ofNullable(this.components.get(byRole.map(RedisNode::name).orElse(name)));
	}

	/** Every component, in start order. */
	List<StackComponent> components() {
		return List.copyOf(this.components.values());
	}

	/** The data node the Sentinels name as primary now, if any Sentinel answers. */
	Optional<String> redisPrimary() {
		return this.redis.currentPrimary().map(RedisNode::name);
	}

	SessionMode sessionMode() {
		return this.properties.sessionMode();
	}

	/**
	 * Thaws everything frozen, starts everything stopped (datastores first, in start
	 * order, then the services together) and waits until every component is ready and
	 * Redis is whole again ({@link RedisTopology#isWhole()}: one primary, each other data
	 * node its replica, Sentinels that can fail over): the state a drill starts from. A
	 * thawed old primary still calls itself primary until the Sentinels demote it (up to
	 * 10 s), so readiness alone would return too early.
	 */
	List<StackComponent.ComponentView> reset() {
		this.components.values().forEach((component) -> component.process().thaw());
		this.components.values()
			.stream()
			.filter((component) -> !(component.process() instanceof ServiceInstance))
			.forEach((component) -> component.process().start());
		recordPids();
		Parallel.run(Stream.concat(this.backends.stream(), Stream.of(this.gateway)).toList(), ServiceInstance::start);
		recordPids();
		Instant deadline = Instant.now().plus(this.properties.readyTimeout());
		while (!whole()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The stack was not whole within "
						+ this.properties.readyTimeout().toSeconds() + " s of the reset: " + views());
			}
			pause(Duration.ofMillis(200));
		}
		return views();
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while resetting the stack", ex);
		}
	}

	private boolean whole() {
		return views().stream().allMatch((view) -> view.health() == Health.UP) && this.redis.isWhole();
	}

	/** Runs an action on a component and keeps the PID file current. */
	StackComponent.ComponentView act(StackComponent component, Consumer<ManagedProcess> action) {
		action.accept(component.process());
		recordPids();
		return component.view();
	}

	private void recordPids() {
		this.pidFile.write(this.components.values().stream().map(StackComponent::process).toList());
	}

	/**
	 * Services first (in parallel, they drain requests), then Sentinels, Redis and
	 * PostgreSQL.
	 */
	@Override
	public void destroy() {
		if (!this.started) {
			return;
		}
		logger.info("Stopping the local stack");
		// thawed first, so nothing is left stopped even if a stop below fails
		this.components.values().forEach((component) -> component.process().thaw());
		Parallel.run(Stream.concat(Stream.of(this.gateway), this.backends.stream()).toList(), ServiceInstance::stop);
		this.redis.close();
		this.postgres.stop();
		this.pidFile.write(List.of());
		logger.info("Local stack stopped; data kept in {}", this.dataDir);
	}

}
