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
		return new DemoAdmin(EMAIL, secret(file, 18, Base64.getUrlEncoder().withoutPadding()), file);
	}

	/**
	 * The key that signs caller identities between the gateway and the services
	 * (docs/adr/0013), as {@code STATEWISE_IDENTITY_KEYS} wants it: {@code id:base64}.
	 */
	static String identityKeys(Path dataDir) {
		return "local:" + secret(dataDir.resolve("identity-key"), 32, Base64.getEncoder());
	}

	/**
	 * A random secret kept in a file only its owner can read, made at the first start.
	 */
	private static String secret(Path file, int bytes, Base64.Encoder encoder) {
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(file.getParent());
				byte[] random = new byte[bytes];
				new SecureRandom().nextBytes(random);
				Files.writeString(file, encoder.encodeToString(random));
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + file, ex);
		}
	}

}
