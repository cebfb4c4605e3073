package io.statewise.load.lab;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.statewise.load.lab.ClosedLoad.Outcome;
import io.statewise.load.lab.ControlApi.Component;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E7's gateway is pointed at the stack as the control API lists it, and judges its loads.
 */
class DoorPriceTests {

	@Test
	void theGatewayShouldRouteToInventoryAndOrderServiceOneOnlyAndFollowTheStacksPorts() {
		List<Component> components = List.of(service("inventory-service-1", 8581, 9581),
				service("inventory-service-2", 8681, 9681), service("session-service-1", 8582, 9582),
				service("session-service-2", 8682, 9682), service("order-service-1", 8583, 9583),
				service("order-service-2", 8683, 9683),
				new Component("sentinel-1", "SENTINEL", "redis://127.0.0.1:26879", null, 7L, "RUNNING", "UP", ""),
				new Component("sentinel-2", "SENTINEL", "redis://127.0.0.1:26880", null, 8L, "RUNNING", "UP", ""),
				new Component("redis-1", "REDIS", "redis://127.0.0.1:6879", null, 9L, "RUNNING", "UP", "primary"));

		assertThat(DoorPrice.environment(components)).isEqualTo(Map.of("STATEWISE_INVENTORY_INSTANCES",
				"http://127.0.0.1:8581?management-port=9581", "STATEWISE_SESSION_INSTANCES",
				"http://127.0.0.1:8582?management-port=9582,http://127.0.0.1:8682?management-port=9682",
				"STATEWISE_ORDER_INSTANCES", "http://127.0.0.1:8583?management-port=9583", "STATEWISE_REDIS_SENTINELS",
				"127.0.0.1:26879,127.0.0.1:26880"));
	}

	@Test
	void aLoadWithAnswersOtherThan200ShouldFailTheRunNamingThem() {
		Outcome clean = new Outcome(1000, 0, null, 2.0, 400, 900);
		Outcome refused = new Outcome(990, 10, "answered 503", 2.0, 400, 900);

		assertThat(DoorPrice.failure(Map.of("direct", clean, "gateway", clean))).isNull();
		assertThat(DoorPrice.failure(Map.of("direct", clean, "gateway", refused)))
			.isEqualTo("gateway: 10 of 1000 not answered 200 (first: answered 503)");
	}

	@Test
	void onlyTheSignedInVariantShouldAskTheOrderList() {
		assertThat(DoorPrice.VARIANTS).containsKey(DoorPrice.SIGNED_IN);
		DoorPrice.VARIANTS.keySet()
			.forEach((variant) -> assertThat(DoorPrice.request(variant))
				.isEqualTo(variant.equals(DoorPrice.SIGNED_IN) ? DoorPrice.ORDERS : DoorPrice.CATALOG));
	}

	@Test
	void directRequestsShouldBringTheIdentityTheGatewayWouldSignWithTheStacksKey() throws Exception {
		byte[] key = "a stack's identity key, 32 bytes".getBytes(StandardCharsets.US_ASCII);
		String keys = "local:" + Base64.getEncoder().encodeToString(key);
		List<SignedInUser> users = List.of(new SignedInUser("u-1", List.of("CUSTOMER"), "s-1"),
				new SignedInUser("u-2", List.of(), "s-2"));

		List<Map<String, String>> identities = DoorPrice.identities(users, keys);

		// what service-support's IdentityTokens.verify checks: HS256 by a known key id,
		// the issuer, a subject, an expiry to come, the roles
		SignedJWT first = SignedJWT.parse(identities.get(0).get("X-Statewise-Identity"));
		assertThat(first.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
		assertThat(first.getHeader().getKeyID()).isEqualTo("local");
		assertThat(first.verify(new MACVerifier(key))).isTrue();
		assertThat(first.getJWTClaimsSet().getIssuer()).isEqualTo("statewise-gateway");
		assertThat(first.getJWTClaimsSet().getSubject()).isEqualTo("u-1");
		assertThat(first.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("CUSTOMER");
		assertThat(first.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
		assertThat(SignedJWT.parse(identities.get(1).get("X-Statewise-Identity")).getJWTClaimsSet().getSubject())
			.isEqualTo("u-2");
		assertThat(DoorPrice.sessions(users)).containsExactly(Map.of("Cookie", "SESSION=s-1"),
				Map.of("Cookie", "SESSION=s-2"));
	}

	private static Component service(String name, int port, int managementPort) {
		return new Component(name, "SERVICE", "http://127.0.0.1:" + port, managementPort, 1L, "RUNNING", "UP", "");
	}

}
