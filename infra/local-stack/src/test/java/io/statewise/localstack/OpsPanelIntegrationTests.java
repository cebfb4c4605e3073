package io.statewise.localstack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.statewise.testkit.TestClients;
import io.statewise.localstack.LocalStackExtension.Stack;
import io.statewise.localstack.ShoppingIntegrationTests.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The ops panel in a real browser against the real stack (session {@code redis} mode): an
 * operator breaks parts of the store with the panel's buttons and reads on the panel what
 * happened. Protects what the issue promises the operator sees: a killed instance shown
 * down within 3 s and its traffic on the survivor; a frozen Redis primary shown frozen
 * and its replica shown as the new primary within 5 s, with the promotion measured on the
 * timeline; after Reset, everything up and the old primary a replica; a senseless action
 * answered with the control API's own problem message. Each test leaves the stack whole
 * ({@link Faults}).
 */
@Order(5)
@ExtendWith({ LocalStackExtension.class, StoreBrowser.class, Faults.class })
class OpsPanelIntegrationTests {

	/** The promise: a killed node is shown down within 3 s. */
	private static final double SHOWN_DOWN_MILLIS = 3_000;

	/** The promise: the replica is shown as the new primary within 5 s. */
	private static final double SHOWN_PROMOTED_MILLIS = 5_000;

	/** A service instance's start on this busy machine (the control API's own bound). */
	private static final double STARTED_MILLIS = 180_000;

	@Test
	void killingAnOrderInstanceFromItsButtonShouldShowItDownAtOnceAndItsTrafficOnTheSurvivor(Page page, Stack stack,
			Faults faults) {
		String killed = faults.willBreak("order-service-1");
		long panelCpu = panelCpuNanos();
		long startedAt = System.nanoTime();
		try (Traffic traffic = Traffic.onOrders(stack)) {
			openPanel(page, stack);
			assertThat(node(page, killed).getByText("up", exact())).isVisible();
			assertThat(share(page, killed)).hasText(Pattern.compile("^[1-9]\\d*%$"), within(30_000));

			long clicked = System.nanoTime();
			page.getByRole(AriaRole.BUTTON, name("Kill " + killed)).click();
			assertThat(node(page, killed).getByText("down", exact())).isVisible(visibleWithin(SHOWN_DOWN_MILLIS));
			System.out.printf("ops-panel: kill clicked -> shown down after %d ms%n",
					(System.nanoTime() - clicked) / 1_000_000);
			assertThat(share(page, "order-service-2")).hasText("100%", within(15_000));
			assertThat(requestsPerSecond(page, "order-service-2")).hasText(Pattern.compile("^[1-9]"));

			page.getByRole(AriaRole.BUTTON, name("Start " + killed)).click();
			assertThat(node(page, killed).getByText("up", exact())).isVisible(visibleWithin(STARTED_MILLIS));
		}
		System.out.printf("ops-panel: panel threads used %.1f%% of one core over %d s with one panel open%n",
				100.0 * (panelCpuNanos() - panelCpu) / (System.nanoTime() - startedAt),
				(System.nanoTime() - startedAt) / 1_000_000_000);
	}

	@Test
	void freezingTheRedisPrimaryShouldShowItFrozenAndTheReplicaPromotedAndResetShouldMakeItAReplica(Page page,
			Stack stack, Faults faults) {
		String primary = faults.willBreak("redis-primary");
		String replica = primary.equals("redis-1") ? "redis-2" : "redis-1";
		// traffic for the screenshot's signals; nothing asserted depends on it
		try (Traffic traffic = Traffic.onOrders(stack)) {
			freezeFromThePanel(page, stack, primary, replica);
			StoreBrowser.screenshot(page, "ops-panel", true);
		}
		TestClients.to(stack.controlPort())
			.get()
			.uri("/ops/timeline.csv")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			// the last row, oldest first: this freeze, not an earlier drill's
			.value((csv) -> org.assertj.core.api.Assertions.assertThat(csv.strip().lines().reduce((row, next) -> next))
				.hasValueSatisfying((row) -> org.assertj.core.api.Assertions.assertThat(row)
					.containsPattern(",\\s*" + primary + ",freeze,done,[\\d.]+,[\\d.]+," + replica + ",[\\d.]+,")));

		page.getByRole(AriaRole.BUTTON, name("Reset the stack")).click();
		assertThat(page.getByRole(AriaRole.BUTTON, name("Reset the stack"))).isEnabled(enabledWithin(STARTED_MILLIS));
		assertThat(page.getByRole(AriaRole.ALERT)).isEmpty();
		assertThat(node(page, primary).getByText("replica", exact())).isVisible();
		assertThat(node(page, replica).getByText("primary", exact())).isVisible();
		for (String component : stack.get("/components")
			.body()
			.valueStream()
			.map((c) -> c.get("name").asString())
			.toList()) {
			assertThat(node(page, component).getByText("up", exact())).isVisible();
		}
	}

	/**
	 * Freezes the primary with its button, confirms, and waits for the panel to show it
	 * frozen, the replica promoted, and the promotion measured.
	 */
	private static void freezeFromThePanel(Page page, Stack stack, String primary, String replica) {
		openPanel(page, stack);
		assertThat(node(page, primary).getByText("primary", exact())).isVisible();

		page.getByRole(AriaRole.BUTTON, name("Freeze " + primary)).click();
		Locator dialog = page.getByRole(AriaRole.DIALOG);
		assertThat(dialog).containsText("Writes it accepts while frozen are discarded");
		dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Freeze " + primary).setExact(true))
			.click();

		assertThat(node(page, primary).getByText("frozen", exact())).isVisible(visibleWithin(SHOWN_DOWN_MILLIS));
		assertThat(node(page, replica).getByText("primary", exact())).isVisible(visibleWithin(SHOWN_PROMOTED_MILLIS));
		// the newest entry: the stack's earlier drills may have frozen this node too
		assertThat(timeline(page).getByRole(AriaRole.LISTITEM).first())
			.containsText(Pattern.compile(primary + " freeze · done in [\\d.]+ s · shown frozen after [\\d.]+ s · "
					+ replica + " promoted after [\\d.]+ s"));
	}

	@Test
	void thawingARunningComponentShouldShowTheControlApisProblem(Page page, Stack stack) {
		openPanel(page, stack);

		page.getByRole(AriaRole.BUTTON, name("Thaw gateway")).click();

		assertThat(page.getByRole(AriaRole.ALERT))
			.containsText("Thaw gateway: Action makes no sense now. gateway is not frozen: there is nothing to thaw.");
	}

	/**
	 * The first connection to the stream fails (as when the local stack restarts under an
	 * open panel): the panel says so, and is live again by itself once the stream
	 * answers, without a reload.
	 */
	@Test
	void aBrokenStreamShouldBeReconnectedByThePanelItself(Page page, Stack stack) {
		page.route("**/ops/stream", Route::abort);
		page.navigate("http://127.0.0.1:" + stack.controlPort() + "/ops/");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Reconnecting to the local stack…");

		page.unroute("**/ops/stream");

		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Live", within(15_000));
		assertThat(node(page, "gateway").getByText("up", exact())).isVisible();
	}

	static void openPanel(Page page, Stack stack) {
		page.navigate("http://127.0.0.1:" + stack.controlPort() + "/ops/");
		assertThat(page.getByRole(AriaRole.STATUS)).hasText("Live");
	}

	static Locator node(Page page, String name) {
		return page.getByRole(AriaRole.ARTICLE, new Page.GetByRoleOptions().setName(name).setExact(true));
	}

	/** The instance's part of its service's requests, in the signals table. */
	private static Locator share(Page page, String instance) {
		return page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("^" + instance + " ")))
			.getByRole(AriaRole.CELL)
			.nth(1);
	}

	private static Locator requestsPerSecond(Page page, String instance) {
		return page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName(Pattern.compile("^" + instance + " ")))
			.getByRole(AriaRole.CELL)
			.nth(2);
	}

	private static Locator timeline(Page page) {
		return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Actions, newest first"));
	}

	private static Page.GetByRoleOptions name(String name) {
		return new Page.GetByRoleOptions().setName(name).setExact(true);
	}

	private static Locator.GetByTextOptions exact() {
		return new Locator.GetByTextOptions().setExact(true);
	}

	private static LocatorAssertions.IsVisibleOptions visibleWithin(double millis) {
		return new LocatorAssertions.IsVisibleOptions().setTimeout(millis);
	}

	private static LocatorAssertions.IsEnabledOptions enabledWithin(double millis) {
		return new LocatorAssertions.IsEnabledOptions().setTimeout(millis);
	}

	private static LocatorAssertions.HasTextOptions within(double millis) {
		return new LocatorAssertions.HasTextOptions().setTimeout(millis);
	}

	/**
	 * CPU time of the panel's own threads (its clock and its probes) in this JVM, which
	 * is the local stack's.
	 */
	private static long panelCpuNanos() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		return Arrays.stream(threads.getThreadInfo(threads.getAllThreadIds()))
			.filter((info) -> info != null && info.getThreadName().startsWith("ops-panel"))
			.mapToLong(ThreadInfo::getThreadId)
			.map((id) -> Math.max(0, threads.getThreadCpuTime(id)))
			.sum();
	}

	/**
	 * A logged-in shopper listing their orders five times a second, through the gateway.
	 */
	private static final class Traffic implements AutoCloseable {

		private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();

		static Traffic onOrders(Stack stack) {
			Shopper shopper = ShoppingIntegrationTests.loggedInShopper(stack);
			Traffic traffic = new Traffic();
			traffic.clock.scheduleAtFixedRate(() -> shopper.get("/api/orders"), 0, 200, TimeUnit.MILLISECONDS);
			return traffic;
		}

		@Override
		public void close() {
			this.clock.shutdownNow();
		}

	}

}
