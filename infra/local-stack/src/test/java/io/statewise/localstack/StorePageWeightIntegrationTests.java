package io.statewise.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import io.statewise.localstack.StoreBrowser.Shopper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the first catalog view, as docs/benchmarks.md reports it: requests and bytes
 * of HTML, CSS and JavaScript (product images and API calls counted apart), and the time
 * until the catalog grid is on screen, on a first visit (empty cache) and a repeat visit
 * (same browser, new tab). Prints the figures and writes them to
 * {@code target/store-page-weight.txt}; asserts only that the page showed the catalog.
 * Run alone:
 * {@code ./mvnw verify -pl infra/local-stack -am -Dit.test=StorePageWeightIntegrationTests}.
 */
@Order(2)
@ExtendWith(StoreBrowser.class)
class StorePageWeightIntegrationTests {

	@Test
	void firstCatalogViewShouldBeMeasuredOnAFirstAndARepeatVisit(Shopper shopper) throws IOException {
		View first = view(shopper.page());
		Page again = shopper.context().newPage();
		View repeat = view(again);
		again.close();

		String report = "first visit:  " + first + "\nrepeat visit: " + repeat + "\n";
		System.out.print("Store, first catalog view (HTML + CSS + JS):\n" + report);
		Files.writeString(Files.createDirectories(Path.of("target")).resolve("store-page-weight.txt"), report);
		assertThat(first.code().requests()).isPositive();
	}

	private static View view(Page page) {
		List<Request> finished = new CopyOnWriteArrayList<>();
		page.onRequestFinished(finished::add);
		page.navigate("/");
		double visibleAt = ((Number) page
			.waitForFunction("() => document.querySelector('.grid li') && performance.now()")
			.jsonValue()).doubleValue();
		page.waitForLoadState();
		page.waitForTimeout(300);
		return new View(tally(finished, List.of("document", "stylesheet", "script")), tally(finished, List.of("image")),
				tally(finished, List.of("fetch", "xhr")), Math.round(visibleAt));
	}

	private static Tally tally(List<Request> requests, List<String> types) {
		List<Request> matching = requests.stream().filter((r) -> types.contains(r.resourceType())).toList();
		long bytes = matching.stream().mapToLong((r) -> Math.max(0, r.sizes().responseBodySize)).sum();
		long notModified = matching.stream()
			.filter((r) -> r.response() != null && r.response().status() == 304)
			.count();
		return new Tally(matching.size(), bytes, notModified);
	}

	record Tally(int requests, long bytes, long notModified) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%d requests, %.1f KB%s", this.requests, this.bytes / 1024.0,
					(this.notModified > 0) ? " (" + this.notModified + " answered 304)" : "");
		}

	}

	record View(Tally code, Tally images, Tally api, long visibleMillis) {

		@Override
		public String toString() {
			return "HTML/CSS/JS " + this.code + "; images " + this.images + "; API " + this.api
					+ "; catalog visible after " + this.visibleMillis + " ms";
		}

	}

}
