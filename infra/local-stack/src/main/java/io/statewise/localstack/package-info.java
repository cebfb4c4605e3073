/**
 * The whole store on one command: PostgreSQL, the Redis Sentinel topology, two instances
 * of each backend service as separate JVMs, the gateway, and a loopback control API that
 * lists, kills, stops and restarts any piece of it.
 */
@NullMarked
package io.statewise.localstack;

import org.jspecify.annotations.NullMarked;
