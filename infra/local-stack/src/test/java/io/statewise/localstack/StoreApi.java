package io.statewise.localstack;

import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.testkit.Answers;
import io.statewise.testkit.TestClients;

import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

/**
 * The store's API as the full-stack tests call it (docs/adr/0026): a
 * {@code RestTestClient} bound to one of the stack's ports (the test kit's
 * {@code TestClients}), and the requests and bodies several tests send, each spelled
 * once.
 */
final class StoreApi {

	static final String PASSWORD = "correct horse battery";

	private StoreApi() {
	}

	/** A client bound to the stack's gateway, the store's one door. */
	static RestTestClient gateway(Stack stack) {
		return TestClients.to(8080 + stack.portOffset());
	}

	/** The body of a sign-up: a new account, Ada's, under that email. */
	static String account(String email) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Ada\"}";
	}

	/** The body of a login. */
	static String credentials(String email) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
	}

	/** The body of one cart line. */
	static String line(String productId, int quantity) {
		return "{\"productId\":\"" + productId + "\",\"quantity\":" + quantity + "}";
	}

	/** An inventory instance's consistency report, on its application port. */
	static ResponseSpec consistency(Stack stack, int port) {
		return TestClients.to(port + stack.portOffset()).get().uri("/internal/consistency").exchange();
	}

	/**
	 * The lines of an instance's {@code /actuator/prometheus}, on its management port.
	 */
	static String prometheus(Stack stack, int managementPort) {
		return Answers
			.body(TestClients.to(managementPort + stack.portOffset()).get().uri("/actuator/prometheus").exchange());
	}

}
