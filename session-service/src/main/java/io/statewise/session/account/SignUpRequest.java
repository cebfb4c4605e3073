package io.statewise.session.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new account. The password policy follows NIST SP 800-63B: length, not composition
 * rules; 10 to 128 characters, and not the email address itself (checked by the service).
 */
record SignUpRequest(@NotBlank @Email @Size(max = 254) String email,
		@NotNull @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password,
		@NotBlank @Size(max = 60) String displayName) {

}
