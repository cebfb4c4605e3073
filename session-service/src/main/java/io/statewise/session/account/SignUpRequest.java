package io.statewise.session.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new account. See {@link PasswordPolicy}; the service also checks the byte length and
 * that the password is not the email address. No field may hold control characters
 * ({@link PlainText}): a new password with one could not be typed at the login form.
 */
record SignUpRequest(@Schema(example = "ada@example.com") @NotBlank @Email @Size(max = 254) @PlainText String email,
		@Schema(example = "correct horse battery") @NotNull @Size(min = PasswordPolicy.MIN_CHARACTERS,
				max = PasswordPolicy.MAX_BYTES, message = "must be 10 to 72 characters") @PlainText String password,
		@Schema(example = "Ada") @NotBlank @Size(max = 60) @PlainText String displayName) {

}
