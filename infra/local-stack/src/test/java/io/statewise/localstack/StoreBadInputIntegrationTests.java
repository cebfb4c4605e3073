package io.statewise.localstack;

import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.statewise.localstack.StoreBrowser.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.statewise.localstack.StoreJourneyIntegrationTests.heading;

/**
 * Wrong input typed into the store: the API's own message appears next to the field it
 * concerns (read as the field's accessible description, as a screen reader announces it),
 * or a not-found page for an address that names no product. Never a blank page or raw
 * JSON.
 */
@Order(2)
@ExtendWith(StoreBrowser.class)
class StoreBadInputIntegrationTests {

	@Test
	void tooShortPasswordShouldBeExplainedAtThePasswordField(Page page) {
		page.navigate("/#/signup");
		page.getByLabel("Email").fill("short-" + System.nanoTime() + "@example.com");
		page.getByLabel("Your name").fill("Alan");
		page.getByLabel("Password").fill("short");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

		assertThat(page.getByLabel("Password"))
			.hasAccessibleDescription(Pattern.compile("Must be 10 to 72 characters"));
		assertThat(page.getByLabel("Password")).isFocused();
	}

	@Test
	void emailAlreadyRegisteredShouldBeExplainedAtTheEmailField(Shopper shopper) {
		Page page = shopper.page();
		page.navigate("/");
		String email = StoreJourneyIntegrationTests.signUp(page, "Alan");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
		assertThat(page.getByText("You are logged out")).isVisible();

		page.navigate("/#/signup");
		page.getByLabel("Email").fill(email);
		page.getByLabel("Your name").fill("Someone else");
		page.getByLabel("Password").fill("another long password");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();

		assertThat(page.getByLabel("Email"))
			.hasAccessibleDescription(Pattern.compile("An account with this email address exists; log in instead"));
	}

	@Test
	void quantityOverTheLimitShouldBeExplainedAtTheQuantityField(Page page) {
		page.navigate("/#/product/BOK-001");
		page.getByLabel("Quantity").fill("101");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();

		assertThat(page.getByLabel("Quantity"))
			.hasAccessibleDescription(Pattern.compile("Must be less than or equal to 100"));
		page.getByLabel("Quantity").fill("1.5");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add to cart")).click();
		assertThat(page.getByLabel("Quantity")).hasAccessibleDescription(Pattern.compile("Enter a whole number"));
	}

	@Test
	void unknownProductInTheAddressShouldShowANotFoundPage(Page page) {
		page.navigate("/#/product/NOPE-404");

		assertThat(heading(page, "Product not found")).isVisible();
		assertThat(page.getByText("The catalog has no product “NOPE-404”")).isVisible();
		assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Browse the catalog")))
			.isVisible();
	}

	@Test
	void unknownPageShouldSaySoAndLeadBackToTheCatalog(Page page) {
		page.navigate("/#/no/such/page");

		assertThat(heading(page, "Page not found")).isVisible();
	}

}
