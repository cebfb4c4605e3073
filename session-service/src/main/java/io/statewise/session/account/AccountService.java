package io.statewise.session.account;

import java.util.List;
import java.util.UUID;

import io.statewise.support.problem.ProblemException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Sign-up and the accounts Spring Security authenticates against. The principal's name is
 * the account id (a UUID), not the email, so the session and the gateway speak of users
 * by an identifier that never changes and reveals nothing.
 */
@Service
public class AccountService implements UserDetailsService {

	private final AccountRepository accounts;

	private final PasswordEncoder passwords;

	AccountService(AccountRepository accounts, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.passwords = passwords;
	}

	Account signUp(SignUpRequest request, List<String> roles) {
		String email = request.email().strip();
		if (request.password().equalsIgnoreCase(email)) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "Weak password",
					"The password must not be the email address.");
		}
		if (!PasswordPolicy.fitsHash(request.password())) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "Password too long", "The password must be at most "
					+ PasswordPolicy.MAX_BYTES + " bytes in UTF-8 (fewer characters when they are not ASCII).");
		}
		// a registered address costs a lookup, not a password hash (~0.1 s of CPU each):
		// repeated signups must not take the CPU that logins and carts need; the unique
		// index below still decides when two signups race
		if (exists(email)) {
			throw emailRegistered();
		}
		Account account = new Account(UUID.randomUUID(), email, request.displayName().strip(), roles);
		try {
			this.accounts.insert(account, this.passwords.encode(request.password()));
		}
		catch (DuplicateKeyException ex) {
			throw emailRegistered();
		}
		return account;
	}

	private static ProblemException emailRegistered() {
		return new ProblemException(HttpStatus.CONFLICT, "Email already registered",
				"An account with this email address exists; log in instead.");
	}

	boolean exists(String email) {
		return this.accounts.findByEmail(email).isPresent();
	}

	public java.util.Optional<Account> find(UUID id) {
		return this.accounts.findById(id);
	}

	/** Looked up by email at login; the resulting principal is named by account id. */
	@Override
	public UserDetails loadUserByUsername(String email) {
		AccountRepository.StoredAccount stored = this.accounts.findByEmail(email)
			.orElseThrow(() -> new UsernameNotFoundException("No account"));
		return User.withUsername(stored.account().id().toString())
			.password(stored.passwordHash())
			.roles(stored.account().roles().toArray(String[]::new))
			.build();
	}

}
