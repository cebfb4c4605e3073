package io.statewise.localstack;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.statewise.localstack.StoreBrowser.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.statewise.localstack.StoreJourneyIntegrationTests.heading;

/**
 * What the shopper reads when the store cannot do what they asked: an explained message
 * that says what to do next, never a blank page or raw JSON. Some answers are the real
 * stack's (a session that ended); the ones a healthy stack does not give on demand (an
 * open circuit, a rate limit) are the gateway's exact problem shapes, answered by the
 * browser's network layer. A session lost with its instance in memory mode is a real
 * drill: {@link StoreSessionLostIntegrationTests}.
 */
@Order(2)
@ExtendWith(StoreBrowser.class)
class StoreErrorsIntegrationTests {

	@Test
	void catalogWithAnOpenCircuitShouldBeRetriedThenExplainedAndRecoverOnTryAgain(Page page) {
		AtomicInteger refused = new AtomicInteger();
		page.route(Pattern.compile(".*/api/catalog/products\\?.*"), (route) -> {
			refused.incrementAndGet();
			problem(route, 503, Map.of("Retry-After", "1"),
					"{\"type\":\"urn:statewise:problem:the-catalog-is-unavailable\",\"title\":\"The catalog is "
							+ "unavailable\",\"status\":503,\"detail\":\"It failed repeatedly; requests are paused.\","
							+ "\"service\":\"inventory-service\",\"instance\":\"/api/catalog/products\"}");
		});
		page.navigate("/");

		assertThat(heading(page, "The catalog is unavailable")).isVisible();
		assertThat(page.getByRole(AriaRole.ALERT))
			.containsText("It failed repeatedly; requests are paused. " + "Try again in 1 second.");
		assertThat(page.getByRole(AriaRole.CONTENTINFO)).containsText("circuit breaker is open");
		org.assertj.core.api.Assertions.assertThat(refused.get()).as("the store's own retries of a read").isEqualTo(3);

		page.unrouteAll();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try again")).click();
		assertThat(heading(page, "All products")).isVisible();
	}

	@Test
	void throttledLoginShouldSayHowLongToWait(Page page) {
		page.route("**/api/session/login", (route) -> problem(route, 429, Map.of("Retry-After", "30"),
				"{\"type\":\"urn:statewise:problem:too-many-failed-logins\",\"title\":\"Too many failed logins\","
						+ "\"status\":429,\"detail\":\"Too many failed logins for this account or address; try again "
						+ "later.\",\"instance\":\"/api/session/login\"}"));
		page.navigate("/#/login");
		page.getByLabel("Email").fill("someone@example.com");
		page.getByLabel("Password").fill("not the password");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

		assertThat(page.getByRole(AriaRole.ALERT)).containsText("Wait 30 seconds, then try again.");
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("Try again"))))
			.isDisabled();
	}

	@Test
	void sessionEndedElsewhereShouldBeExplainedWithWhatHappenedToTheCart(Shopper shopper) {
		Page page = shopper.page();
		page.navigate("/");
		StoreJourneyIntegrationTests.signUp(page, "Lin");
		// another tab logs out: the session, and the cart in it, are gone
		shopper.context()
			.request()
			.post("/api/session/logout", com.microsoft.playwright.options.RequestOptions.create()
				.setHeader("Origin", StoreBrowser.baseUrl()));

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders")).click();

		assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Your session ended");
		assertThat(page.getByRole(AriaRole.ALERT).first()).containsText("Your cart lived in that session");
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log in again"))).isVisible();
	}

	private static void problem(Route route, int status, Map<String, String> headers, String body) {
		route.fulfill(new Route.FulfillOptions().setStatus(status)
			.setHeaders(headers)
			.setContentType("application/problem+json")
			.setBody(body));
	}

}
