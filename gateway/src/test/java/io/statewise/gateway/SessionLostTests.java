package io.statewise.gateway;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.statewise.gateway.routing.SessionAffinity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.statewise.gateway.Backends.SESSIONS;
import static io.statewise.gateway.Backends.SESSIONS_B;
import static io.statewise.gateway.Problems.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session {@code memory} mode: a session lives in one session-service instance, so every
 * read of it goes there, and when that instance has left rotation the browser is told
 * that its session was lost with it, not moved unknowing onto an instance that never saw
 * the session (docs/adr/0016).
 */
@GatewayTest
@TestPropertySource(properties = "statewise.gateway.session-mode=memory")
class SessionLostTests {

	@Value("${local.server.port}")
	int port;

	@Autowired
	LoadBalancerClientFactory balancers;

	@Autowired
	SessionAffinity affinity;

	@Autowired
	MeterRegistry meters;

	@Test
	void everyApiAnswerShouldSayTheSessionModeIsMemory() {
		client().get().uri("/api/nowhere").exchange().expectHeader().valueEquals("X-Session-Mode", "memory");
	}

	@Test
	void edgeAuthenticationShouldAskTheInstanceThatHoldsTheSessionEveryTime() {
		String session = Backends.loggedIn(SESSIONS_B, "user-on-b");
		stubOrders();

		for (int i = 0; i < 6; i++) {
			orders(cookies(session, SESSIONS_B)).expectStatus().isOk();
		}
		assertThat(Backends.count(SESSIONS, getRequestedFor(urlPathEqualTo("/internal/session")))).isZero();
	}

	@Test
	void aSessionWhoseInstanceLeftRotationShouldBeAnsweredSessionLostWithItsCookiesCleared() {
		takeOutOfRotation(SESSIONS_B);

		ResponseSpec answer = cart(cookies("gone", SESSIONS_B));

		answer.expectHeader()
			.values("Set-Cookie", (cookies) -> assertThat(cookies)
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("SESSION=;").contains("Max-Age=0"))
				.anySatisfy((cookie) -> assertThat(cookie).startsWith("sc-lb-instance-id=;").contains("Max-Age=0")));
		assertSessionLost(answer);
		assertThat(Backends.count(SESSIONS, getRequestedFor(urlPathEqualTo("/api/cart")))).isZero();
	}

	@Test
	void ordersOfASessionWhoseInstanceLeftRotationShouldBeAnsweredSessionLostWithoutIntrospection() {
		String session = Backends.loggedIn(SESSIONS_B, "user-on-b");
		takeOutOfRotation(SESSIONS_B);

		assertSessionLost(orders(cookies(session, SESSIONS_B)));
		assertThat(Backends.count(SESSIONS, getRequestedFor(urlPathEqualTo("/internal/session")))).isZero();
	}

	@Test
	void anIdentityTheGatewayStillHoldsShouldNotHideASessionLostSinceItWasAskedAbout() {
		String session = Backends.loggedIn(SESSIONS_B, "user-on-b");
		stubOrders();
		orders(cookies(session, SESSIONS_B)).expectStatus().isOk();
		takeOutOfRotation(SESSIONS_B);
		double lookups = introspectionCacheGets();

		assertSessionLost(orders(cookies(session, SESSIONS_B)));
		// answered before the introspection cache is read, however young its entry
		assertThat(introspectionCacheGets()).isEqualTo(lookups);
	}

	@Test
	void aBrowserWithoutASessionShouldMoveToAnotherInstanceWithoutBeingToldOfALoss() {
		SESSIONS.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));
		takeOutOfRotation(SESSIONS_B);

		ResponseSpec answer = cart("sc-lb-instance-id=" + Backends.instanceId(SESSIONS_B));

		answer.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "session-service/" + Backends.instanceId(SESSIONS));
	}

	@Test
	void noInstanceInRotationShouldBeAnOutageForTheHolderToAnswerNotALostSession() {
		SESSIONS_B.stubFor(get(urlPathEqualTo("/api/cart")).willReturn(okJson("{\"lines\":[]}")));
		takeOutOfRotation(SESSIONS_B);
		SESSIONS.stubFor(Backends.readiness(503).atPriority(1));
		// none ready: panic routing lists both again
		GatewayTest.Reset.awaitReady(this.balancers, "session-service", 2);

		ResponseSpec answer = cart(cookies("kept", SESSIONS_B));

		answer.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "session-service/" + Backends.instanceId(SESSIONS_B));
	}

	@Test
	void aRetryChosenAfterTheHolderLeftRotationShouldFindNoInstanceRatherThanTheOther() {
		// the race LostSessionFilter cannot see: it let the request through while the
		// holder was in rotation, the holder refused it, and the retry's choice came
		// after the readiness round that dropped the holder
		takeOutOfRotation(SESSIONS_B);
		ServiceInstanceListSupplier instances = this.balancers.getInstance("session-service",
				ServiceInstanceListSupplier.class);

		assertThat(choices(instances, cookies("held", SESSIONS_B))).as("a session held by the instance that left")
			.isEmpty();
		assertThat(choices(instances, "sc-lb-instance-id=" + Backends.instanceId(SESSIONS_B)))
			.as("no session, nothing to lose")
			.extracting(ServiceInstance::getInstanceId)
			.containsExactly(Backends.instanceId(SESSIONS));
		assertThat(choices(instances, "SESSION=s; sc-lb-instance-id=127.0.0.1:1")).as("a holder never configured")
			.extracting(ServiceInstance::getInstanceId)
			.containsExactly(Backends.instanceId(SESSIONS));
	}

	@Test
	void aSessionOnlyHasAHolderWithBothCookiesInMemoryMode() {
		MockServerHttpRequest both = MockServerHttpRequest.get("/api/cart")
			.cookie(new HttpCookie("SESSION", "s"),
					new HttpCookie("sc-lb-instance-id", Backends.instanceId(SESSIONS_B)))
			.build();
		MockServerHttpRequest stickyOnly = MockServerHttpRequest.get("/api/cart")
			.cookie(new HttpCookie("sc-lb-instance-id", Backends.instanceId(SESSIONS_B)))
			.build();

		assertThat(this.affinity.holder(both)).isEqualTo(Backends.instanceId(SESSIONS_B));
		assertThat(this.affinity.holder(stickyOnly)).isNull();
	}

	private void takeOutOfRotation(WireMockServer instance) {
		instance.stubFor(Backends.readiness(503).atPriority(1));
		GatewayTest.Reset.awaitReady(this.balancers, "session-service", 1);
	}

	private static List<ServiceInstance> choices(ServiceInstanceListSupplier instances, String cookieHeader) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/cart");
		for (String cookie : cookieHeader.split("; ")) {
			String[] pair = cookie.split("=", 2);
			request.cookie(new HttpCookie(pair[0], pair[1]));
		}
		RequestData data = new RequestData(request.build());
		return instances.get(new DefaultRequest<>(new RequestDataContext(data))).blockFirst(Duration.ofSeconds(5));
	}

	private double introspectionCacheGets() {
		return this.meters.find("cache.gets")
			.tag("cache", "introspection")
			.functionCounters()
			.stream()
			.mapToDouble(FunctionCounter::count)
			.sum();
	}

	private static void assertSessionLost(ResponseSpec answer) {
		expectProblem(answer, 401).jsonPath("$.type")
			.isEqualTo("urn:statewise:problem:session-lost")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains(Backends.instanceId(SESSIONS_B),
					"no longer available", "Log in again"));
	}

	private static String cookies(String session, WireMockServer holder) {
		return "SESSION=" + session + "; sc-lb-instance-id=" + Backends.instanceId(holder);
	}

	private static void stubOrders() {
		Backends.ORDERS_A.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
		Backends.ORDERS_B.stubFor(get(urlPathEqualTo("/api/orders")).willReturn(okJson("{\"items\":[]}")));
	}

	/** The cart, with this {@code Cookie} header as a browser sends it. */
	private ResponseSpec cart(String cookies) {
		return client().get().uri("/api/cart").header(HttpHeaders.COOKIE, cookies).exchange();
	}

	/** The orders, with this {@code Cookie} header as a browser sends it. */
	private ResponseSpec orders(String cookies) {
		return client().get().uri("/api/orders").header(HttpHeaders.COOKIE, cookies).exchange();
	}

	private WebTestClient client() {
		return Gateway.client(this.port);
	}

}
