package io.statewise.session.account;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import jakarta.validation.constraints.Email;
import org.springframework.validation.annotation.Validated;

/**
 * Creates the demo administrator at startup when {@code statewise.accounts.admin.email}
 * and {@code .password} are set (the password from the environment, never from code), and
 * only if no account has that email yet. Two instances starting at once may both try; the
 * unique index lets one win and the other's conflict is ignored.
 */
@Component
@EnableConfigurationProperties(AdminAccount.Properties.class)
class AdminAccount implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AdminAccount.class);

	private final AccountService accounts;

	private final Properties properties;

	AdminAccount(AccountService accounts, Properties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.properties.email();
		String password = this.properties.password();
		if (email == null || email.isBlank() || password == null || password.isBlank() || this.accounts.exists(email)) {
			return;
		}
		try {
			this.accounts.signUp(new SignUpRequest(email, password, "Administrator"), List.of("USER", "ADMIN"));
			logger.info("Created the admin account {}", email);
		}
		catch (RuntimeException ex) {
			logger.info("Admin account {} not created: {}", email, ex.getMessage());
		}
	}

	@ConfigurationProperties("statewise.accounts.admin")
	@Validated
	record Properties(@Nullable @Email String email, @Nullable String password) {

	}

}
