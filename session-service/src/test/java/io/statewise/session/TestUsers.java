package io.statewise.session;

import java.util.UUID;

import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/** Fresh accounts for tests, so no test depends on another's data. */
public final class TestUsers {

	private TestUsers() {
	}

	public static Credentials signUp(int port) {
		Credentials user = new Credentials("User." + UUID.randomUUID() + "@Example.com", "correct horse battery");
		signUp(port, "{\"email\":\"%s\",\"password\":\"%s\",\"displayName\":\"Test\"}".formatted(user.email(),
				user.password()))
			.expectStatus()
			.isCreated();
		return user;
	}

	/** A sign-up, from an address of its own. */
	public static ResponseSpec signUp(int port, String json) {
		return new Browser(randomAddress()).post(port, "/api/account/signup", json);
	}

	/** A client address of its own, so throttling in one test never touches another. */
	public static String randomAddress() {
		UUID id = UUID.randomUUID();
		return "10." + (id.hashCode() & 0x7f) + "." + ((id.hashCode() >> 8) & 0xff) + "."
				+ (1 + ((id.hashCode() >> 16) & 0x7f));
	}

	/** An email and password that can log in. */
	public record Credentials(String email, String password) {

		public String json() {
			return "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(this.email, this.password);
		}

		public String json(String password) {
			return "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(this.email, password);
		}

	}

}
