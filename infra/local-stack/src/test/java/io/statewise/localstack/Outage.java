package io.statewise.localstack;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shopper going on through a failure of the stack, and what they saw meanwhile: every
 * message the store showed (its alerts) and every error the API answered the page. What a
 * drill asserts of them is what the store promises (docs/web-store.md): an error is the
 * API's problem+json turned into a title, what happened and what to do next, never raw
 * JSON, a bare status or a stack trace.
 */
final class Outage {

	/** What only an unexplained error shows: raw JSON, a bare status, a stack trace. */
	private static final List<String> RAW = List.of("{", "}", "urn:", "HTTP ", "Exception", "undefined", "null",
			"[object");

	/** An error answer the store can explain: problem+json with a title. */
	private static final String PROBLEM = "(?s)%s \\S+ application/problem\\+json.*\"title\"\\s*:\\s*\"[^\"]+\".*";

	private final Page page;

	private final List<String> messages = new CopyOnWriteArrayList<>();

	private final List<String> answers = new CopyOnWriteArrayList<>();

	private Outage(Page page) {
		this.page = page;
		page.onResponse(this::answered);
	}

	/** Starts noting what the page shows and is answered. */
	static Outage watch(Page page) {
		return new Outage(page);
	}

	private void answered(Response response) {
		if (response.url().contains("/api/") && response.status() >= 400) {
			String type = String.valueOf(response.headerValue("content-type"));
			String body = response.text();
			String path = URI.create(response.url()).getPath();
			this.answers.add(response.status() + " " + path + " " + type + " " + body);
		}
	}

	/**
	 * Waits until {@code done} is visible, pressing "Try again" whenever the store offers
	 * it, as a shopper would; notes every message shown meanwhile. Played in the test's
	 * thread: Playwright is not thread-safe.
	 */
	void goOnUntil(Locator done, Duration within) {
		Locator retry = this.page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Try again").setExact(true));
		await().atMost(within).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
			if (done.isVisible()) {
				return true;
			}
			note();
			if (retry.count() > 0 && retry.first().isEnabled()) {
				retry.first().click();
			}
			return false;
		});
	}

	/** Notes the messages the page shows now. */
	void note() {
		for (String text : this.page.getByRole(AriaRole.ALERT).allInnerTexts()) {
			if (!text.isBlank() && !this.messages.contains(text)) {
				this.messages.add(text);
			}
		}
	}

	List<String> messages() {
		note();
		return this.messages;
	}

	/** The API's error answers to the page: {@code status path content-type body}. */
	List<String> answers() {
		return this.answers;
	}

	/**
	 * Every message shown was the store's explanation, none raw, and every error answer
	 * was a problem it could explain (problem+json with a title).
	 */
	void wasExplained() {
		System.out.printf("store drill: messages shown %s; error answers %s%n", messages(),
				this.answers.stream()
					.map((answer) -> answer.replaceAll("(?s) [^ ]*/[^ ]*json.*\"title\"\\s*:\\s*\"([^\"]+)\".*", " $1"))
					.toList());
		assertThat(messages()).as("messages shown").allSatisfy((message) -> assertThat(message).doesNotContain(RAW));
		assertThat(this.answers).as("error answers")
			.allSatisfy((answer) -> assertThat(answer).matches(PROBLEM.formatted("\\d{3}")));
	}

	/**
	 * At most a transient message was shown, and an explained one: every message says
	 * what to do next (try again); every error answer was of a passing kind (502, 503,
	 * 504), never a lost login or a server error; and nothing is shown any more.
	 */
	void wasTransientAndExplained() {
		wasExplained();
		assertThat(this.messages).as("messages shown")
			.allSatisfy((message) -> assertThat(message).containsIgnoringCase("try again"));
		assertThat(this.answers).as("error answers")
			.allSatisfy((answer) -> assertThat(answer).matches(PROBLEM.formatted("50[234]")));
		assertThat(this.page.getByRole(AriaRole.ALERT).allInnerTexts()).as("messages still shown")
			.allSatisfy((text) -> assertThat(text).isBlank());
	}

}
