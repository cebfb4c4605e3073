package io.statewise.localstack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.statewise.localstack.StoreBrowser.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.statewise.localstack.StoreJourneyIntegrationTests.heading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One intent, one order, however the browser repeats itself: a double click on "Place
 * order" (also with the button forced enabled again, so that correctness does not rest on
 * it), and a checkout whose answer was lost on the way back (the order exists, the
 * browser saw a network error) retried from the page. Each attempt carries one
 * Idempotency-Key, kept until an answer settles it; the cart is emptied once.
 */
@Order(2)
@ExtendWith(StoreBrowser.class)
class StoreCheckoutIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void placeOrderClickedTwiceQuicklyShouldPlaceOneOrder(Shopper shopper) {
		Page page = shopper.page();
		List<String> keys = checkoutKeys(page);
		readyToCheckOut(page, "CUP-001");

		Locator place = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order"));
		place.dblclick();
		page.evaluate("() => { const b = document.getElementById('place-order'); if (b) { b.disabled = false; "
				+ "b.click(); } }");

		assertThat(page.getByText("Your order was placed")).isVisible();
		assertThat(orders(shopper)).hasSize(1);
		assertThat(keys).hasSize(1);
	}

	@Test
	void checkoutWhoseAnswerWasLostShouldBeRetriedWithTheSameKeyAndPlaceOneOrder(Shopper shopper) {
		Page page = shopper.page();
		List<String> keys = checkoutKeys(page);
		AtomicBoolean lost = new AtomicBoolean();
		page.route("**/api/orders", (route) -> {
			if (route.request().method().equals("POST") && lost.compareAndSet(false, true)) {
				// the order is placed, its answer never reaches the page
				APIResponse placed = route.fetch();
				assertThat(placed.status()).isIn(201, 202);
				route.abort("connectionreset");
			}
			else {
				route.resume();
			}
		});
		readyToCheckOut(page, "CUP-002");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("No answer from the store");
		assertThat(page.getByRole(AriaRole.ALERT)).containsText("trying again cannot place it twice");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Try again")).click();

		assertThat(page.getByText("Your order was placed")).isVisible();
		assertThat(page.getByLabel("Cart, 0 items")).isVisible();
		assertThat(orders(shopper)).hasSize(1);
		assertThat(keys).hasSize(2).allMatch(keys.get(0)::equals);
	}

	@Test
	void reloadWhileTheCheckoutIsUnansweredShouldFinishTheSameOrderAndKeepTheCartEmpty(Shopper shopper) {
		Page page = shopper.page();
		List<String> keys = checkoutKeys(page);
		AtomicBoolean held = new AtomicBoolean();
		page.route("**/api/orders", (route) -> {
			if (route.request().method().equals("POST") && held.compareAndSet(false, true)) {
				// the request reaches the store, the page is reloaded before the answer
				route.fetch();
				page.evaluate("() => setTimeout(() => location.reload(), 0)");
			}
			else {
				route.resume();
			}
		});
		readyToCheckOut(page, "CUP-003");

		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();

		assertThat(page.getByText("Your order was placed")).isVisible();
		page.reload();
		assertThat(heading(page, Pattern.compile("^Order "))).isVisible();
		assertThat(page.getByLabel("Cart, 0 items")).isVisible();
		assertThat(orders(shopper)).hasSize(1);
		assertThat(keys).hasSize(2).allMatch(keys.get(0)::equals);
	}

	@Test
	void orderShortOfStockShouldBeRejectedWithItsShortLinesAndLeaveTheCartAsItWas(Page page) {
		page.navigate("/");
		StoreJourneyIntegrationTests.signUp(page, "Rosa");
		page.navigate("/#/product/BRW-004");
		page.getByLabel("Quantity").fill("50");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
		assertThat(page.getByText("Added to your cart")).isVisible();
		page.navigate("/#/checkout");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();

		assertThat(page.getByRole(AriaRole.ALERT)).containsText("Not enough stock for this order");
		assertThat(page.getByRole(AriaRole.ALERT))
			.containsText(Pattern.compile("you asked for 50, (only \\d+ (is|are) available|it is sold out)"));
		assertThat(page.getByLabel("Cart, 50 items")).isVisible();
	}

	/** A new account with one product in the cart, on the checkout page. */
	private static void readyToCheckOut(Page page, String productId) {
		page.navigate("/");
		StoreJourneyIntegrationTests.signUp(page, "Grace");
		page.navigate("/#/product/" + productId);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
		assertThat(page.getByText("Added to your cart")).isVisible();
		page.navigate("/#/checkout");
		assertThat(heading(page, "Check out")).isVisible();
	}

	/** The Idempotency-Key of every checkout request the page sends, in order. */
	private static List<String> checkoutKeys(Page page) {
		List<String> keys = new CopyOnWriteArrayList<>();
		page.onRequest((request) -> {
			if (request.method().equals("POST") && request.url().endsWith("/api/orders")) {
				keys.add(String.valueOf(request.headerValue("idempotency-key")));
			}
		});
		return keys;
	}

	/** The shopper's orders, asked through the gateway with the browser's own cookies. */
	static List<JsonNode> orders(Shopper shopper) {
		APIResponse response = shopper.context().request().get("/api/orders");
		assertThat(response.status()).isEqualTo(200);
		return JSON.readTree(response.text()).get("items").valueStream().toList();
	}

}
