package io.statewise.session.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.statewise.session.Browser;
import io.statewise.session.Browser.Response;
import io.statewise.session.Instances;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One shopper, many tabs: requests that change the same cart at the same moment, in both
 * session modes. Invariant: every change that was answered 200 is in the cart.
 */
@SessionTest
class ConcurrentCartTests {

	private static final int TABS = 20;

	@LocalServerPort
	int port;

	@Test
	void parallelAddsOfDifferentProductsShouldAllEndInTheCart() throws Exception {
		assertThat(linesAfterParallelAdds(this.port)).isEqualTo(TABS + 1);
		ConfigurableApplicationContext memory = Instances.start("statewise.session.store=memory");
		try {
			assertThat(linesAfterParallelAdds(Instances.port(memory))).isEqualTo(TABS + 1);
		}
		finally {
			memory.close();
		}
	}

	@Test
	void parallelAddsToOneLineShouldLoseNoAcknowledgedAdd() throws Exception {
		Browser browser = shopper(this.port);
		List<Response> answers = parallel(
				(tab) -> browser.post(this.port, "/api/cart/lines", "{\"productId\":\"CUP-001\",\"quantity\":1}"));

		long acknowledged = answers.stream().filter((answer) -> answer.status() == 200).count();
		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isIn(200, 409));
		assertThat(quantityOf(browser, this.port, "CUP-001")).isEqualTo(acknowledged);
		assertThat(acknowledged).isPositive();
	}

	private int linesAfterParallelAdds(int port) throws Exception {
		Browser browser = shopper(port);
		List<Response> answers = parallel(
				(tab) -> browser.post(port, "/api/cart/lines", "{\"productId\":\"TAB-" + tab + "\",\"quantity\":1}"));

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
		return browser.get(port, "/api/cart").json().get("lines").size();
	}

	/** A guest with a session and one line in the cart. */
	private static Browser shopper(int port) {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.post(port, "/api/cart/lines", "{\"productId\":\"TEA-001\",\"quantity\":1}");
		return browser;
	}

	private static List<Response> parallel(IntFunction<Response> request) throws Exception {
		ExecutorService tabs = Executors.newFixedThreadPool(TABS);
		try {
			List<Future<Response>> answers = IntStream.range(0, TABS)
				.mapToObj((tab) -> tabs.submit(() -> request.apply(tab)))
				.toList();
			List<Response> done = new ArrayList<>();
			for (Future<Response> answer : answers) {
				done.add(answer.get());
			}
			return done;
		}
		finally {
			tabs.shutdownNow();
		}
	}

	private static long quantityOf(Browser browser, int port, String productId) {
		for (JsonNode line : browser.get(port, "/api/cart").json().get("lines")) {
			if (line.get("productId").asString().equals(productId)) {
				return line.get("quantity").asInt();
			}
		}
		return 0;
	}

}
