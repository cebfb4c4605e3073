package io.statewise.session.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

	private final JdbcClient jdbc;

	AccountRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Inserts the account; the unique index on lower(email) rejects a duplicate address.
	 */
	void insert(Account account, String passwordHash) {
		this.jdbc.sql("""
				INSERT INTO account (id, email, display_name, password_hash, roles) VALUES (?, ?, ?, ?, ?)
				""")
			.params(account.id(), account.email(), account.displayName(), passwordHash,
					String.join(",", account.roles()))
			.update();
	}

	Optional<StoredAccount> findByEmail(String email) {
		return this.jdbc.sql("SELECT * FROM account WHERE lower(email) = lower(?)")
			.param(email)
			.query(AccountRepository::stored)
			.optional();
	}

	Optional<Account> findById(UUID id) {
		return this.jdbc.sql("SELECT * FROM account WHERE id = ?")
			.param(id)
			.query(AccountRepository::stored)
			.optional()
			.map(StoredAccount::account);
	}

	private static StoredAccount stored(ResultSet rs, int row) throws SQLException {
		List<String> roles = Arrays.asList(rs.getString("roles").split(","));
		return new StoredAccount(
				new Account(rs.getObject("id", UUID.class), rs.getString("email"), rs.getString("display_name"), roles),
				rs.getString("password_hash"));
	}

	record StoredAccount(Account account, String passwordHash) {

	}

}
