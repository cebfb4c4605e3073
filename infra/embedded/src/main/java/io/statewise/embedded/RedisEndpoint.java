package io.statewise.embedded;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How a client reaches Redis: through Sentinel (the default) or one standalone server.
 */
public sealed interface RedisEndpoint {

	/**
	 * Sentinel-managed primary/replica: the client asks the Sentinels for the primary.
	 */
	record Sentinel(String master, List<HostPort> nodes) implements RedisEndpoint {

		public Sentinel {
			nodes = List.copyOf(nodes);
		}

		/**
		 * The nodes as Spring Boot's {@code spring.data.redis.sentinel.nodes} expects
		 * them.
		 */
		public String nodesProperty() {
			return this.nodes.stream().map(HostPort::toString).collect(Collectors.joining(","));
		}

	}

	/** A single server (the Testcontainers backend), no failover. */
	record Standalone(HostPort node) implements RedisEndpoint {
	}

}
