package io.statewise.session.store;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.statewise.session.Browser;
import io.statewise.session.SessionTest;
import io.statewise.session.TestUsers;
import io.statewise.session.store.SessionWriteRefusedException.Reason;
import io.statewise.testkit.TestClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient.ResponseSpec;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fence (docs/adr/0012) against the real stores: Redis (the context's) and memory.
 * Each copy below stands for one request, loaded when it started.
 */
@SessionTest
class FencedWritesTests {

	@Autowired
	RedisSessionStore redis;

	@LocalServerPort
	int port;

	final MemorySessionStore memory = new MemorySessionStore(Duration.ofMinutes(30), new SimpleMeterRegistry());

	@Test
	void aWriteBasedOnAStaleReadShouldBeRefusedAndKeepTheNewerValue() {
		for (SessionStore store : List.of(this.redis, this.memory)) {
			String id = sessionWith(store, "colour", "red");
			FencedSession early = store.findById(id);
			FencedSession late = store.findById(id);
			late.setAttribute("colour", "green");

			assertThatExceptionOfType(SessionWriteRefusedException.class)
				.isThrownBy(() -> early.setAttribute("colour", "blue"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.STALE));
			assertThat(store.findById(id).<String>getAttribute("colour")).as(store.getClass().getSimpleName())
				.isEqualTo("green");
			assertThat(early.<String>getAttribute("colour")).as("refreshed").isEqualTo("green");
		}
	}

	@Test
	void writesToDifferentAttributesShouldBothLand() {
		for (SessionStore store : List.of(this.redis, this.memory)) {
			String id = sessionWith(store, "colour", "red");
			FencedSession one = store.findById(id);
			FencedSession other = store.findById(id);
			one.setAttribute("size", "L");
			other.setAttribute("shape", "round");

			FencedSession now = store.findById(id);
			assertThat(now.getAttributeNames()).as(store.getClass().getSimpleName())
				.containsExactlyInAnyOrder("colour", "size", "shape");
		}
	}

	@Test
	void aWriteToASessionThatEndedShouldBeRefusedAndNotBringItBack() {
		for (SessionStore store : List.of(this.redis, this.memory)) {
			String id = sessionWith(store, "colour", "red");
			FencedSession loaded = store.findById(id);
			store.deleteById(id);

			assertThatExceptionOfType(SessionWriteRefusedException.class)
				.isThrownBy(() -> loaded.setAttribute("colour", "blue"))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.GONE));
			assertThat(store.findById(id)).as(store.getClass().getSimpleName()).isNull();
		}
	}

	@Test
	void aCartWriteArrivingAfterItsDeadlineShouldBeRefusedAndChangeNothing() {
		Browser browser = new Browser(TestUsers.randomAddress());
		browser.addLine(this.port, "TEA-001", 1).expectStatus().isOk();
		String passed = String.valueOf(System.currentTimeMillis() - 1);

		ResponseSpec late = browser.client()
			.delete()
			.uri(TestClients.exactly(this.port, "/api/cart"))
			.header(RequestDeadline.HEADER, passed)
			.exchange();

		expectProblem(late, 503);
		assertThat(browser.totalQuantity(this.port)).isEqualTo(1);
	}

	@Test
	void aCartWriteBeforeItsDeadlineShouldLand() {
		Browser browser = new Browser(TestUsers.randomAddress());
		String ahead = String.valueOf(System.currentTimeMillis() + 60_000);

		ResponseSpec write = browser.client()
			.post()
			.uri(TestClients.exactly(this.port, "/api/cart/lines"))
			.header(RequestDeadline.HEADER, ahead)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Browser.line("TEA-001", 2))
			.exchange();

		write.expectStatus().isOk();
		assertThat(browser.totalQuantity(this.port)).isEqualTo(2);
	}

	private static String sessionWith(SessionStore store, String name, Object value) {
		FencedSession session = store.createSession();
		session.setAttribute(name, value);
		return session.getId();
	}

}
