/**
 * Real datastores without Docker: an embedded PostgreSQL server and a Redis primary,
 * replica and three Sentinels, each a process this JVM owns and can stop, kill or
 * restart. Used by the tests of every service and by the local stack.
 */
@NullMarked
package io.statewise.embedded;

import org.jspecify.annotations.NullMarked;
