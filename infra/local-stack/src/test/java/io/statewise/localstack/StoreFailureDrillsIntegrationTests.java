package io.statewise.localstack;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.statewise.localstack.StoreJourneyIntegrationTests.heading;
import static io.statewise.localstack.StoreJourneyIntegrationTests.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The moment the store exists for, in a real browser against the real stack (session
 * {@code redis} mode): a shopper is logged in with a cart, part of the stack fails
 * through the control API, and the shopper goes on. Protects what the shopper must see
 * then (docs/web-store.md): their login and their cart, an order that is placed, and at
 * most a passing message that says what happened and to try again; with every
 * inventory-service instance down, an order accepted as pending that turns confirmed on
 * its page once one instance is back. Each test leaves the stack whole ({@link Faults}).
 */
@Order(3)
@ExtendWith({ StoreBrowser.class, Faults.class })
class StoreFailureDrillsIntegrationTests {

	private static final String ROOIBOS = "Rooibos Vanilla, 100 g";

	private static final String BARISTA_BOOK = "The Home Barista Handbook";

	@Test
	void killingTheSessionInstanceThatServedTheShopperShouldKeepTheirLoginAndCart(Page page, Faults faults) {
		shopperWithACart(page, "Ada");
		String servedBy = cartReadBy(page);
		Outage outage = Outage.watch(page);

		faults.inject("kill", faults.serving(servedBy));
		page.navigate("/#/product/COF-006");
		assertThat(heading(page, "Sumatra Mandheling, 250 g")).isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
		outage.goOnUntil(page.getByText("Added to your cart"), Duration.ofSeconds(20));

		assertThat(cartReadBy(page)).as("the survivor").isNotEqualTo(servedBy);
		assertThat(line(page, ROOIBOS)).isVisible();
		assertThat(line(page, "Sumatra Mandheling, 250 g")).isVisible();
		assertThat(page.getByText("Hello, Ada")).isVisible();
		outage.wasTransientAndExplained();
	}

	/**
	 * The Redis primary killed (SIGKILL), then, in another run, frozen (SIGSTOP: it hangs
	 * with its sockets open, which clients notice only by timeouts).
	 */
	@ParameterizedTest(name = "Redis primary: {0}")
	@ValueSource(strings = { "kill", "freeze" })
	void redisPrimaryFailingMidSessionShouldKeepTheLoginAndTheCartAndLetTheShopperCheckOut(String fault, Page page,
			Faults faults) {
		shopperWithACart(page, "Noor");
		Outage outage = Outage.watch(page);

		faults.inject(fault, "redis-primary");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Cart"))).click();
		outage.goOnUntil(line(page, ROOIBOS), Faults.redisFailover());
		assertThat(line(page, BARISTA_BOOK)).isVisible();
		assertThat(page.getByText("Hello, Noor")).isVisible();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check out")).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();
		outage.goOnUntil(page.getByText("Your order was placed"), Faults.redisFailover());
		assertThat(orderStatus(page)).containsText("Confirmed");
		assertThat(page.getByLabel("Cart, 0 items")).isVisible();
		outage.wasTransientAndExplained();
	}

	@Test
	void checkoutWithEveryInventoryInstanceDownShouldBeAcceptedPendingAndTurnConfirmedWithoutAReload(Page page,
			Faults faults) {
		shopperWithACart(page, "Kofi");
		page.navigate("/#/checkout");
		assertThat(heading(page, "Check out")).isVisible();
		AtomicInteger loads = new AtomicInteger();
		page.onLoad((loaded) -> loads.incrementAndGet());

		faults.inject("kill", "inventory-service-1");
		faults.inject("kill", "inventory-service-2");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();

		assertThat(page.getByText("Your order is accepted")).isVisible();
		assertThat(orderStatus(page)).containsText("Pending");
		StoreBrowser.screenshot(page, "store-order-pending");
		faults.start("inventory-service-1");
		// the reconciler retries the order with a growing pause (1 s, 2 s, 4 s, ...), and
		// the page asks every 8 s at most
		assertThat(orderStatus(page)).containsText("Confirmed",
				new LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
		assertThat(page.getByText("Your items are reserved for you")).isVisible();
		StoreBrowser.screenshot(page, "store-order-pending-confirmed");
		assertThat(loads.get()).as("page loads after the order was placed").isZero();
	}

	/**
	 * PostgreSQL stopped: the catalog is still on screen, served from inventory's Redis
	 * cache, and the page says it is the cached copy (a notice above the grid, and the
	 * status strip from {@code Cache-Status}), not an error.
	 */
	@Test
	void withPostgresStoppedTheCatalogShouldStayOnScreenMarkedAsTheCachedCopy(Page page, Faults faults) {
		page.navigate("/");
		assertThat(page.locator("#status-catalog")).not().containsText("database unreachable");

		faults.inject("stop", "postgres");

		// a cached page is answered from Redis as fresh for 30 s (inventory's fresh-for);
		// after that inventory asks PostgreSQL, finds it away, and answers the cached
		// copy
		// as stale
		Locator addToCart = page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName(Pattern.compile("^Add .+ to cart$")));
		await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			page.reload();
			addToCart.first().waitFor();
			return page.getByText("Cached catalog.").isVisible();
		});
		assertThat(page.locator("#status-catalog")).containsText("database unreachable");
		assertThat(addToCart.first()).isVisible();
		assertThat(page.getByRole(AriaRole.ALERT)).hasCount(0);
	}

	/** A new account with two products in its cart. */
	static void shopperWithACart(Page page, String name) {
		page.navigate("/");
		StoreJourneyIntegrationTests.signUp(page, name);
		page.navigate("/#/product/TEA-006");
		StoreJourneyIntegrationTests.addToCart(page, ROOIBOS);
		page.navigate("/#/product/BOK-003");
		StoreJourneyIntegrationTests.addToCart(page, BARISTA_BOOK);
	}

	/**
	 * Opens the cart and answers who read it: the session-service instance named by
	 * {@code X-Served-By} ({@code session-service/127.0.0.1:8082}).
	 */
	static String cartReadBy(Page page) {
		return page.waitForResponse(
				(response) -> response.url().endsWith("/api/cart") && response.request().method().equals("GET")
						&& response.status() == 200,
				() -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Cart")))
					.click())
			.headerValue("x-served-by");
	}

	static Locator orderStatus(Page page) {
		return page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Status:"));
	}

}
