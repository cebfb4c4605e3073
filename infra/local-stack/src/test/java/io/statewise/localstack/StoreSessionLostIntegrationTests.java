package io.statewise.localstack;

import java.time.Duration;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.statewise.localstack.StoreJourneyIntegrationTests.heading;

/**
 * Session {@code memory} mode in the browser, the stateful side of the comparison: the
 * session-service instance that holds the shopper's session dies, and the store must say
 * exactly that — the session was lost with that instance, the cart with it — and offer to
 * log in again, with no error page; after logging in the shopper goes on (with an empty
 * cart, which is the price of the mode, not a bug).
 */
@StackSessionMode(SessionMode.MEMORY)
@ExtendWith({ StoreBrowser.class, Faults.class })
class StoreSessionLostIntegrationTests {

	@Test
	void killingTheInstanceThatHoldsTheSessionShouldSayItWasLostWithItAndOfferToLogInAgain(Page page, Faults faults) {
		page.navigate("/");
		String email = StoreJourneyIntegrationTests.signUp(page, "Ines");
		page.navigate("/#/product/TEA-006");
		StoreJourneyIntegrationTests.addToCart(page, "Rooibos Vanilla, 100 g");
		String holder = StoreFailureDrillsIntegrationTests.cartReadBy(page);
		assertThat(page.getByRole(AriaRole.CONTENTINFO)).containsText(Pattern.compile("Sessions in\\s*memory"));
		Outage outage = Outage.watch(page);

		faults.inject("kill", faults.serving(holder));
		page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Orders")).click();
		Locator logInAgain = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Log in again"));
		outage.goOnUntil(logInAgain, Duration.ofSeconds(20));

		Locator banner = page.getByRole(AriaRole.ALERT).filter(new Locator.FilterOptions().setHasText("Session lost"));
		assertThat(banner).containsText(holder.substring(holder.indexOf('/') + 1));
		assertThat(banner).containsText("Your cart lived in that session, so it is empty now.");
		assertThat(page.getByLabel("Cart, 0 items")).isVisible();
		// the page as to a guest, not an error page
		assertThat(heading(page, "Your orders")).isVisible();
		StoreBrowser.screenshot(page, "store-session-lost");
		outage.wasExplained();

		logInAgain.click();
		page.getByLabel("Email").fill(email);
		page.getByLabel("Password").fill(StoreJourneyIntegrationTests.PASSWORD);
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
		assertThat(page.getByText("Hello, Ines")).isVisible();
		assertThat(heading(page, "Your orders")).isVisible();
	}

}
