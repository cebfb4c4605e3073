package io.statewise.localstack;

import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.statewise.testkit.Answers;
import io.statewise.localstack.StoreBrowser.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shopper's journey through the store in a real browser, against the whole local stack:
 * sign up, browse a category, search, fill the cart, change a quantity, check out, and
 * see the order confirmed and in the history. Protects what no API test sees: that the
 * pages, the gateway's static files, its Content-Security-Policy and same-origin rules
 * and the services work together, and that the stock went down by exactly what was
 * ordered.
 */
@Order(2)
@ExtendWith(StoreBrowser.class)
class StoreJourneyIntegrationTests {

	static final String PASSWORD = "correct horse battery";

	@Test
	void shopperShouldSignUpBrowseSearchFillTheCartCheckOutAndSeeTheOrderConfirmed(Shopper shopper) {
		Page page = shopper.page();
		int coffeeBefore = available("COF-002");
		int teaBefore = available("TEA-002");

		page.navigate("/");
		signUp(page, "Ada");
		assertThat(page.getByText("Hello, Ada")).isVisible();

		page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Categories"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Coffee"))
			.click();
		assertThat(heading(page, "Coffee")).isVisible();
		StoreBrowser.screenshot(page, "store-catalog");
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Colombia Huila, 250 g")).click();
		addToCart(page, "Colombia Huila, 250 g");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Catalog")).click();
		page.getByLabel("Search products").fill("sencha");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
		assertThat(heading(page, "Search results for “sencha”")).isVisible();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Japanese Sencha, 100 g")).click();
		addToCart(page, "Japanese Sencha, 100 g");
		StoreBrowser.screenshot(page, "store-product");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Pattern.compile("^Cart"))).click();
		page.getByLabel("Quantity of Colombia Huila, 250 g").fill("3");
		line(page, "Colombia Huila, 250 g").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Update"))
			.click();
		// 3 × €11.50 + 1 × Sencha
		assertThat(page.getByLabel("Cart, 4 items")).isVisible();
		StoreBrowser.screenshot(page, "store-cart");

		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check out")).click();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Place order")).click();

		assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Status:")))
			.containsText("Confirmed");
		assertThat(page.getByText("Your order was placed and your cart emptied")).isVisible();
		assertThat(page.getByLabel("Cart, 0 items")).isVisible();
		StoreBrowser.screenshot(page, "store-order-confirmed");
		assertThat(page.getByRole(AriaRole.CONTENTINFO))
			.containsText(Pattern.compile("Served by\\s*order-service/127\\.0\\.0\\.1:\\d+"));
		assertThat(page.getByRole(AriaRole.CONTENTINFO))
			.containsText(Pattern.compile("Sessions in\\s*(redis|memory|unknown)"));
		String order = heading(page, Pattern.compile("^Order ")).textContent();
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("All your orders")).click();
		assertThat(page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(order)))
			.containsText("Confirmed");

		assertThat(available("COF-002")).isEqualTo(coffeeBefore - 3);
		assertThat(available("TEA-002")).isEqualTo(teaBefore - 1);
	}

	/** Signs up a new account through the form (it logs in too) and returns its email. */
	static String signUp(Page page, String name) {
		String email = "browser-" + UUID.randomUUID() + "@example.com";
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign up")).click();
		page.getByLabel("Email").fill(email);
		page.getByLabel("Your name").fill(name);
		page.getByLabel("Password").fill(PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
		assertThat(page.getByText("Hello, " + name)).isVisible();
		return email;
	}

	/** On a product page: adds the quantity shown (1) and waits for the confirmation. */
	static void addToCart(Page page, String product) {
		assertThat(heading(page, product)).isVisible();
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
		assertThat(page.getByText("Added to your cart")).isVisible();
	}

	static Locator heading(Page page, String name) {
		return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
	}

	static Locator heading(Page page, Pattern name) {
		return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setLevel(1));
	}

	static Locator line(Page page, String product) {
		return page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText(product));
	}

	/**
	 * Units of a product inventory-service can still reserve, asked through the gateway.
	 */
	static int available(String productId) {
		return Answers.read(StoreBrowser.api().get().uri("/api/catalog/products/{id}/stock", productId).exchange(),
				"$.available");
	}

}
