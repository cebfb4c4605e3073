package io.statewise.localstack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ScreenshotType;
import io.statewise.testkit.TestClients;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The browser of the store's tests: Debian's Chromium driven by Playwright, launched once
 * per JVM (next to the local stack of {@link LocalStackExtension}, in the session mode
 * the test class asks for), with a new context (cookies, storage) for every test, so that
 * tests never share a shopper.
 * <p>
 * Playwright never downloads a browser ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}): the
 * browser is {@code /usr/bin/chromium} (or {@code -Dstatewise.chromium=/path}). Without
 * one the tests fail and say how to install it; they never skip silently. Every test also
 * fails when the page threw an uncaught error or the browser refused something under the
 * Content-Security-Policy. A failed test leaves a screenshot in
 * {@code target/browser-failures/}.
 */
public class StoreBrowser implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	/**
	 * Launch arguments for Chromium in a container or CI machine (TOOLCHAIN.md), and one
	 * port Chromium refuses by default (ERR_UNSAFE_PORT) that the stack's random port
	 * offsets can give the gateway: 10080, with offset 2000.
	 */
	static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--explicitly-allowed-ports=10080");

	static final String STORE_URL = "statewise.store.url";

	static final String SCREENSHOTS = "statewise.screenshots";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreBrowser.class);

	private static @Nullable Playwright playwright;

	private static @Nullable Browser browser;

	@Override
	public void beforeAll(ExtensionContext context) {
		if (System.getProperty(STORE_URL) == null) {
			LocalStackExtension.shared(LocalStackExtension.mode(context));
		}
		browser();
	}

	static synchronized Browser browser() {
		if (browser == null) {
			Path chromium = chromium();
			playwright = Playwright
				.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
			browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(chromium).setHeadless(true).setArgs(ARGS));
			Runtime.getRuntime().addShutdownHook(new Thread(StoreBrowser::close, "store-browser-shutdown"));
		}
		return browser;
	}

	private static Path chromium() {
		String configured = System.getProperty("statewise.chromium");
		List<String> candidates = (configured != null) ? List.of(configured)
				: List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
		return candidates.stream()
			.map(Path::of)
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The store's browser tests need Chromium, and none was found at " + candidates
							+ ". Install it (Debian/Ubuntu: apt-get install -y chromium; .ci/run does this) "
							+ "or name one with -Dstatewise.chromium=/path/to/chrome."));
	}

	/**
	 * Closes the browser and Playwright's driver, both child processes of this JVM (the
	 * shutdown test checks that none is left); a later test would launch them again.
	 */
	static synchronized void close() {
		if (browser != null) {
			browser.close();
			browser = null;
		}
		if (playwright != null) {
			playwright.close();
			playwright = null;
		}
	}

	/**
	 * The store's base URL: the gateway of the local stack that runs (the one of the test
	 * class's session mode, {@link StackSessionMode}), or, to run these tests against a
	 * store already running ({@code ./statewise}),
	 * {@code -Dstatewise.store.url=http://127.0.0.1:8080}.
	 */
	static String baseUrl() {
		String url = System.getProperty(STORE_URL);
		return (url != null) ? url : "http://127.0.0.1:" + (8080 + LocalStackExtension.running().portOffset());
	}

	/** An HTTP client for the store's API, beside the browser. */
	static RestTestClient api() {
		return TestClients.to(URI.create(baseUrl()).getPort());
	}

	/** A new browser context (a new shopper) on the store. */
	static Shopper newShopper() {
		BrowserContext context = browser()
			.newContext(new Browser.NewContextOptions().setBaseURL(baseUrl()).setViewportSize(1280, 900));
		context.setDefaultTimeout(15_000);
		return new Shopper(context, context.newPage());
	}

	/**
	 * Writes a screenshot of the page as {@code <name>.png} into the folder named by
	 * {@code -Dstatewise.screenshots=docs/images}; does nothing without it, so that a
	 * test run never changes the files of a clean clone.
	 */
	static void screenshot(Page page, String name) {
		screenshot(page, name, false);
	}

	/** As {@link #screenshot(Page, String)}, of the whole page when {@code fullPage}. */
	static void screenshot(Page page, String name, boolean fullPage) {
		String folder = System.getProperty(SCREENSHOTS);
		if (folder != null) {
			page.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.PNG)
				.setFullPage(fullPage)
				.setPath(Path.of(folder).resolve(name + ".png")));
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		context.getStore(NAMESPACE).put(Shopper.class, newShopper());
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		Shopper shopper = context.getStore(NAMESPACE).remove(Shopper.class, Shopper.class);
		if (shopper == null) {
			return;
		}
		try {
			if (context.getExecutionException().isPresent()) {
				Path folder = Files.createDirectories(Path.of("target", "browser-failures"));
				shopper.page()
					.screenshot(new Page.ScreenshotOptions().setFullPage(true)
						.setType(ScreenshotType.PNG)
						.setPath(folder.resolve(context.getRequiredTestClass().getSimpleName() + "-"
								+ context.getRequiredTestMethod().getName() + ".png")));
			}
			else if (!shopper.pageErrors().isEmpty()) {
				throw new AssertionError("The store's pages reported errors: " + shopper.pageErrors());
			}
		}
		finally {
			shopper.context().close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Shopper.class || parameter.getParameter().getType() == Page.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Shopper shopper = context.getStore(NAMESPACE).get(Shopper.class, Shopper.class);
		return (parameter.getParameter().getType() == Page.class) ? shopper.page() : shopper;
	}

	/**
	 * A shopper's browser: one context and its page, and what went wrong in it (uncaught
	 * page errors, Content-Security-Policy refusals).
	 */
	static final class Shopper {

		private final BrowserContext context;

		private final Page page;

		private final List<String> pageErrors = new ArrayList<>();

		Shopper(BrowserContext context, Page page) {
			this.context = context;
			this.page = page;
			page.onPageError((error) -> this.pageErrors.add("uncaught: " + error));
			page.onConsoleMessage((message) -> {
				if (message.type().equals("error") && message.text().contains("Content Security Policy")) {
					this.pageErrors.add("CSP: " + message.text());
				}
			});
		}

		BrowserContext context() {
			return this.context;
		}

		Page page() {
			return this.page;
		}

		List<String> pageErrors() {
			return this.pageErrors;
		}

	}

}
