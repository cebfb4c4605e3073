/**
 * Where sessions live, with fenced writes: a save names the version of each attribute it
 * was based on and is refused if that attribute changed since, or if the request's
 * deadline has passed. In Redis (default) or in this JVM (memory mode), the same rules.
 */
@NullMarked
package io.statewise.session.store;

import org.jspecify.annotations.NullMarked;
