package io.statewise.session.cart;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.statewise.session.Browser;
import io.statewise.session.Instances;
import io.statewise.session.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.statewise.testkit.ProblemAssertions.expectProblem;

/**
 * The cart asks the catalog (inventory-service, here a fake: a remote service) before it
 * takes a product: an unknown one is a 404 and changes nothing; while no inventory
 * instance answers, products are taken and checkout decides.
 */
class UnknownProductTests {

	static WireMockServer inventory;

	static ConfigurableApplicationContext withCatalog;

	static ConfigurableApplicationContext withoutAnswer;

	@BeforeAll
	static void start() {
		inventory = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		inventory.start();
		inventory.stubFor(get(urlEqualTo("/api/catalog/products/TEA-001")).willReturn(okJson("{\"id\":\"TEA-001\"}")));
		inventory.stubFor(get(urlEqualTo("/api/catalog/products/NOPE-1"))
			.willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")));
		// the first instance listed is down: the next one is asked
		// a timeout a slow first answer of the fake cannot miss on a busy machine
		withCatalog = Instances.start("statewise.catalog.urls=http://127.0.0.1:1," + inventory.baseUrl(),
				"statewise.catalog.timeout=5s");
		withoutAnswer = Instances.start("statewise.catalog.urls=http://127.0.0.1:1");
	}

	@AfterAll
	static void stop() {
		withCatalog.close();
		withoutAnswer.close();
		inventory.stop();
	}

	@Test
	void aProductTheCatalogDoesNotSellShouldBeRefusedAndChangeNothing() {
		Browser browser = new Browser(TestUsers.randomAddress());
		int port = Instances.port(withCatalog);
		browser.addLine(port, "TEA-001", 1).expectStatus().isOk();

		ResponseSpec unknown = browser.addLine(port, "NOPE-1", 1);
		ResponseSpec unknownPut = browser.put(port, "/api/cart/lines/NOPE-1", "{\"quantity\":2}");

		expectProblem(unknown, 404).jsonPath("$.productId").isEqualTo("NOPE-1");
		unknownPut.expectStatus().isNotFound();
		browser.cart(port).expectBody().jsonPath("$.lines.length()").isEqualTo(1);
	}

	@Test
	void whileNoInventoryAnswersAnyProductShouldBeTaken() {
		Browser browser = new Browser(TestUsers.randomAddress());
		int port = Instances.port(withoutAnswer);

		ResponseSpec added = browser.addLine(port, "NOPE-1", 1);

		added.expectStatus().isOk();
	}

}
