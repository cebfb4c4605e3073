package io.statewise.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the local stack, all with working defaults; override any of them on the
 * command line, e.g. {@code --stack.port-offset=1000}.
 *
 * @param dataDir where PostgreSQL, Redis and the logs keep their files across restarts
 * @param fresh start from empty data (also {@code --fresh})
 * @param servicesDir where the services' executable jars are
 * @param instances how many instances of each backend service to run
 * @param portOffset added to every port below, to move the whole stack at once
 * @param readyTimeout how long to wait for everything to become ready
 * @param jvmOptions options for every service JVM; the default, C1 only (as
 * {@code spring-boot:run} used to do), halves the start on two cores; the load tests pass
 * {@code --stack.jvm-options=} for the full JIT
 * @param gatewayAddress the interface the gateway listens on: loopback by default;
 * {@code 0.0.0.0} shows the store to other machines (nothing else is ever exposed)
 * @param sessionMode where session-service keeps sessions: {@code redis} (default) or
 * {@code memory}, which also keeps each browser on one instance at the gateway
 * @param serviceProperties properties of a service's JVMs, by service name
 * ({@code gateway}, {@code inventory-service}, {@code session-service},
 * {@code order-service}), passed as system properties, which outrank the service's
 * {@code application.yml}: the {@code load} profile sets the gateway's rate limits here
 * (docs/load-tests.md), the lab its switches, e.g.
 * {@code --stack.service-properties.order-service.statewise.inventory.circuit-breaker.enabled=false}
 * @param sentinelDownAfter how long the Sentinels wait for a silent Redis node before
 * they call it down ({@code down-after-milliseconds}); the lab's E6 varies it
 * @param redisReplicas how many replicas the Redis primary has: 1 (default) or 2; with 2
 * the promoted replica still has one after a failover, which durable mode's
 * {@code WAIT 1} needs (the lab's E2)
 * @param ports the ports of each component, and of the control API
 * @param java the {@code java} launcher the services run on; unset: the newest Java 21 or
 * later found, else the launcher's own ({@link ServiceJvm})
 */
@ConfigurationProperties("stack")
@Validated
public record StackProperties(@DefaultValue(".local-stack") Path dataDir, @DefaultValue("false") boolean fresh,
		@DefaultValue("infra/local-stack/target/services") Path servicesDir,
		@DefaultValue("2") @Min(1) @Max(9) int instances, @DefaultValue("0") @Min(0) @Max(30000) int portOffset,
		@DefaultValue("180s") Duration readyTimeout, @DefaultValue("-XX:TieredStopAtLevel=1") List<String> jvmOptions,
		@DefaultValue("127.0.0.1") String gatewayAddress, @DefaultValue("redis") SessionMode sessionMode,
		@DefaultValue Map<String, Map<String, String>> serviceProperties,
		@DefaultValue("1000ms") @DurationMin(millis = 100) Duration sentinelDownAfter,
		@DefaultValue("1") int redisReplicas, @DefaultValue @NotNull Ports ports, @Nullable Path java) {

	/** The services whose JVMs {@code stack.service-properties} may name. */
	static final List<String> SERVICES = List.of("gateway", "inventory-service", "session-service", "order-service");

	/**
	 * The most Redis replicas the stack runs: two are what the lab's E2 compares with
	 * one, and each more is another process on the cores the services share.
	 */
	static final int MAX_REDIS_REPLICAS = 2;

	public StackProperties {
		// a misspelt service name would otherwise set nothing, silently
		List<String> unknown = serviceProperties.keySet().stream().filter((name) -> !SERVICES.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException(
					"stack.service-properties names no service: " + unknown + "; one of " + SERVICES);
		}
		if (redisReplicas < 1 || redisReplicas > MAX_REDIS_REPLICAS) {
			throw new IllegalArgumentException("stack.redis-replicas is " + redisReplicas
					+ ": the local stack runs the Redis primary with 1 replica (the default) or 2");
		}
		if (ports.redisReplicas().size() < redisReplicas) {
			throw new IllegalArgumentException(
					"stack.redis-replicas is " + redisReplicas + " but stack.ports.redis-replicas gives only "
							+ ports.redisReplicas().size() + " port(s): " + ports.redisReplicas());
		}
	}

	/**
	 * Application ports of the first instance of each service; instance {@code n} adds
	 * {@code (n - 1) * instanceStep}, and each management port is the application port
	 * plus {@code managementStep}. {@code redisReplicas}: the replicas' ports in order
	 * ({@code redis-2}, {@code redis-3}); the stack uses the first
	 * {@code stack.redis-replicas} of them.
	 */
	public record Ports(@DefaultValue("9000") int control, @DefaultValue("8080") int gateway,
			@DefaultValue("8081") int inventory, @DefaultValue("8082") int session, @DefaultValue("8083") int order,
			@DefaultValue("100") int instanceStep, @DefaultValue("1000") int managementStep,
			@DefaultValue("15432") int postgres, @DefaultValue("16379") int redisPrimary, @DefaultValue( {
					"16380", "16381" }) List<Integer> redisReplicas,
			@DefaultValue({ "26379", "26380", "26381" }) @Size(min = 3, max = 3) List<Integer> sentinels){

	}

	int port(int base) {
		return base + this.portOffset;
	}

	/** The replicas' ports before the offset: as many as {@code stack.redis-replicas}. */
	List<Integer> redisReplicaPorts() {
		return this.ports.redisReplicas().subList(0, this.redisReplicas);
	}

}
