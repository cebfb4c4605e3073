package io.statewise.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo administrator of a local stack: a fixed email and a password generated at the
 * first start and kept in the data folder (owner-readable only), so no password lives in
 * code or configuration and a restart logs in with the same one. {@code --fresh} makes a
 * new one.
 */
record DemoAdmin(String email, String password, Path passwordFile) {

	static final String EMAIL = "admin@statewise.local";

	static DemoAdmin in(Path dataDir) {
		Path file = dataDir.resolve("admin-password");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(dataDir);
				byte[] random = new byte[18];
				new SecureRandom().nextBytes(random);
				Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			return new DemoAdmin(EMAIL, Files.readString(file).strip(), file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + file, ex);
		}
	}

}
