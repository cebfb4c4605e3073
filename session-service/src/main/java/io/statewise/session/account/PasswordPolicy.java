package io.statewise.session.account;

import java.nio.charset.StandardCharsets;

/**
 * The password policy, after NIST SP 800-63B: length, not composition rules. At least 10
 * characters and at most 72 bytes in UTF-8, because bcrypt reads no more (Spring Security
 * refuses longer input rather than silently ignoring the rest).
 */
public final class PasswordPolicy {

	public static final int MIN_CHARACTERS = 10;

	public static final int MAX_BYTES = 72;

	private PasswordPolicy() {
	}

	/** Whether bcrypt can hash it; longer input cannot be any account's password. */
	public static boolean fitsHash(String password) {
		return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
	}

}
