package io.statewise.session.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.statewise.testkit.Answers;
import io.statewise.session.Browser;
import io.statewise.session.Instances;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

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
		List<Integer> statuses = parallel((tab) -> browser.addLine(this.port, "CUP-001", 1));

		long acknowledged = statuses.stream().filter((status) -> status == 200).count();
		assertThat(statuses).allSatisfy((status) -> assertThat(status).isIn(200, 409));
		assertThat(quantityOf(browser, this.port, "CUP-001")).isEqualTo(acknowledged);
		assertThat(acknowledged).isPositive();
	}

	private int linesAfterParallelAdds(int port) throws Exception {
		Browser browser = shopper(port);
		List<Integer> statuses = parallel((tab) -> browser.addLine(port, "TAB-" + tab, 1));

		assertThat(statuses).containsOnly(200);
		return Answers.read(browser.cart(port).expectStatus().isOk(), "$.lines.length()");
	}

	/** A guest with a session and one line in the cart. */
	private static Browser shopper(int port) {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.addLine(port, "TEA-001", 1).expectStatus().isOk();
		return browser;
	}

	/** Sends the request from every tab at once and returns the statuses answered. */
	private static List<Integer> parallel(IntFunction<ResponseSpec> request) throws Exception {
		ExecutorService tabs = Executors.newFixedThreadPool(TABS);
		try {
			List<Future<Integer>> answers = IntStream.range(0, TABS)
				.mapToObj((tab) -> tabs.submit(() -> Answers.status(request.apply(tab))))
				.toList();
			List<Integer> done = new ArrayList<>();
			for (Future<Integer> answer : answers) {
				done.add(answer.get());
			}
			return done;
		}
		finally {
			tabs.shutdownNow();
		}
	}

	private static long quantityOf(Browser browser, int port, String productId) {
		List<Integer> quantities = Answers.read(browser.cart(port).expectStatus().isOk(),
				"$.lines[?(@.productId == '" + productId + "')].quantity");
		assertThat(quantities).as("lines of %s", productId).hasSizeLessThanOrEqualTo(1);
		return quantities.isEmpty() ? 0 : quantities.get(0);
	}

}
