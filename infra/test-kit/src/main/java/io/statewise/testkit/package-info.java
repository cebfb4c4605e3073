/**
 * Test support: real PostgreSQL and Redis started once per JVM and wired into Spring Boot
 * tests by {@link io.statewise.testkit.RealDatastores @RealDatastores}. Embedded servers
 * by default; {@code -Dstatewise.datastores=testcontainers} runs the same tests on Docker
 * containers instead.
 */
@NullMarked
package io.statewise.testkit;

import org.jspecify.annotations.NullMarked;
