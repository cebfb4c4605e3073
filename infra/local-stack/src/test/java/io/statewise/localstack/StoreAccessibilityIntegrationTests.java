package io.statewise.localstack;

import java.util.List;
import java.util.stream.Collectors;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Keyboard;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.statewise.localstack.StoreBrowser.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.statewise.localstack.StoreJourneyIntegrationTests.heading;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store for people who do not use a mouse or do not see the screen: axe-core finds no
 * serious or critical violation of WCAG 2.2 A/AA on any page a purchase passes through,
 * the pages do not scroll sideways at 360 px, and a whole checkout works with the
 * keyboard alone, every focused control showing a visible focus ring.
 */
@Order(2)
@ExtendWith(StoreBrowser.class)
class StoreAccessibilityIntegrationTests {

	private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	@Test
	void everyPageOfAPurchaseShouldPassAxeWithoutSeriousOrCriticalViolations(Page page) {
		page.navigate("/#/login");
		assertAccessible(page, "login");
		page.navigate("/");
		assertThat(heading(page, "All products")).isVisible();
		assertAccessible(page, "catalog");
		StoreJourneyIntegrationTests.signUp(page, "Ida");
		page.navigate("/#/product/TEA-003");
		StoreJourneyIntegrationTests.addToCart(page, "Earl Grey Supreme, 125 g");
		assertAccessible(page, "product");
		page.navigate("/#/cart");
		assertThat(heading(page, "Your cart")).isVisible();
		assertAccessible(page, "cart");
		page.navigate("/#/checkout");
		assertThat(heading(page, "Check out")).isVisible();
		assertAccessible(page, "checkout");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();
		assertThat(page.getByText("Your order was placed")).isVisible();
		assertAccessible(page, "order");
		page.navigate("/#/orders");
		assertThat(heading(page, "Your orders")).isVisible();
		assertAccessible(page, "orders");
	}

	@Test
	void pagesShouldFitA360PixelWideScreen(Page page) {
		page.setViewportSize(360, 740);
		page.navigate("/");
		assertThat(heading(page, "All products")).isVisible();
		assertNoSidewaysScrolling(page, "catalog");
		page.navigate("/#/product/COF-003");
		StoreJourneyIntegrationTests.addToCart(page, "House Espresso Blend, 1 kg");
		assertNoSidewaysScrolling(page, "product");
		page.navigate("/#/cart");
		assertThat(heading(page, "Your cart")).isVisible();
		assertNoSidewaysScrolling(page, "cart");
		StoreBrowser.screenshot(page, "store-cart-360px");
	}

	@Test
	void aShopperUsingOnlyTheKeyboardShouldSignUpFillTheCartAndCheckOut(Shopper shopper) {
		Page page = shopper.page();
		Keyboard keys = page.keyboard();
		page.navigate("/#/signup");
		assertThat(heading(page, "Create an account")).isVisible();

		tabTo(page, page.getByLabel("Email"), "Tab");
		keys.type("keyboard-" + System.nanoTime() + "@example.com");
		tabTo(page, page.getByLabel("Your name"), "Tab");
		keys.type("Kay");
		tabTo(page, page.getByLabel("Password"), "Tab");
		keys.type("only the keyboard today");
		keys.press("Enter");
		assertThat(page.getByText("Hello, Kay")).isVisible();

		assertThat(heading(page, "All products")).isVisible();
		tabTo(page, button(page, "Add Almond Biscotti, 200 g to cart"), "Tab");
		keys.press("Enter");
		assertThat(page.getByLabel("Cart, 1 item")).isVisible();
		tabTo(page, page.getByLabel("Cart, 1 item"), "Shift+Tab");
		keys.press("Enter");
		assertThat(heading(page, "Your cart")).isVisible();
		tabTo(page, page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check out")), "Tab");
		keys.press("Enter");
		assertThat(heading(page, "Check out")).isVisible();
		tabTo(page, button(page, "Place order"), "Tab");
		keys.press("Enter");

		assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Status:")))
			.containsText("Confirmed");
	}

	private static Locator button(Page page, String name) {
		return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
	}

	/**
	 * Presses {@code key} until the target has the focus (at most 60 times), then checks
	 * that the focus can be seen: an outline of at least 2 px.
	 */
	private static void tabTo(Page page, Locator target, String key) {
		for (int i = 0; i < 60; i++) {
			page.keyboard().press(key);
			if ((Boolean) target.evaluate("(e) => e === document.activeElement")) {
				Object outline = target
					.evaluate("(e) => { const s = getComputedStyle(e); return s.outlineStyle === 'none' ? 0 "
							+ ": parseFloat(s.outlineWidth); }");
				assertThat(((Number) outline).doubleValue()).as("focus ring of " + target).isGreaterThanOrEqualTo(2);
				return;
			}
		}
		throw new AssertionError("The keyboard never reached " + target);
	}

	static void assertAccessible(Page page, String what) {
		AxeResults results = new AxeBuilder(page).withTags(WCAG).analyze();
		assertThat(results.getPasses()).as("rules axe-core checked and passed on the " + what + " page").isNotEmpty();
		List<Rule> violations = results.getViolations()
			.stream()
			.filter((rule) -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
			.toList();
		assertThat(violations)
			.as(() -> what + ": "
					+ violations.stream()
						.map((rule) -> rule.getId() + " (" + rule.getHelp() + ") at "
								+ rule.getNodes().stream().map((node) -> String.valueOf(node.getTarget())).toList())
						.collect(Collectors.joining("; ")))
			.isEmpty();
	}

	private static void assertNoSidewaysScrolling(Page page, String what) {
		Object overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
		assertThat(((Number) overflow).intValue()).as(what + " scrolls sideways by (px)").isLessThanOrEqualTo(0);
	}

}
