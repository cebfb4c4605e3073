package io.statewise.order.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Whether calls to inventory-service go through the circuit breaker {@code inventory} at
 * all: on by default; off only to measure what it buys (the lab's E3, docs/lab.md).
 * Resilience4j has no configuration property for "off": its breaker can only be put in
 * the {@code DISABLED} state, where it permits every call and records nothing, so that is
 * what off does ({@link Inventory}). Retry, bulkhead and time limit stay as configured
 * either way.
 *
 * @param enabled {@code false}: the breaker never opens, every call reaches inventory
 */
@ConfigurationProperties("statewise.inventory.circuit-breaker")
@Validated
record CircuitBreakerSwitch(@DefaultValue("true") boolean enabled) {

}
