package io.statewise.session.login;

import io.statewise.session.account.PlainText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The email is looked up in PostgreSQL, so it must be {@link PlainText}. The password is
 * only compared with a hash and never reaches a query; it is not restricted here, so that
 * an account created before sign-up refused control characters can still log in.
 */
record LoginRequest(@Schema(example = "ada@example.com") @NotBlank @Size(max = 254) @PlainText String email,
		@Schema(example = "correct horse battery") @NotBlank @Size(max = 128) String password) {

}
