package io.statewise.order.orders;

import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.statewise.order.FakeInventory;
import io.statewise.order.OrderTest;
import io.statewise.order.Shop;
import io.statewise.testkit.Lines;
import io.statewise.testkit.TestIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static io.statewise.testkit.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only the gateway's signed identity opens a user's orders (docs/adr/0013): a request
 * that reaches order-service past the gateway with a bare or forged identity is a 401.
 */
@OrderTest
class CallerIdentityTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	Shop shop;

	@BeforeEach
	void shop() {
		this.shop = new Shop(this.port, this.context);
		this.shop.healthyInventory();
	}

	@Test
	void aBareUserHeaderShouldNotOpenTheUsersOrder() {
		String alice = Shop.user();
		UUID order = Shop
			.id(this.shop.checkout(alice, UUID.randomUUID().toString(), Lines.lines(FakeInventory.get().product(10), 1))
				.expectStatus()
				.isCreated());

		expectProblem(this.shop.client().get().uri("/api/orders/{id}", order).header("X-User-Id", alice).exchange(),
				401)
			.jsonPath("$.lines")
			.doesNotExist();
	}

	@Test
	void anIdentitySignedWithAnotherKeyShouldAnswerUnauthorizedAndPlaceNothing() throws Exception {
		String mallory = Shop.user();
		String forged = signedWithAnotherKey(mallory);

		expectProblem(this.shop.client()
			.post()
			.uri("/api/orders")
			.header(TestIdentity.HEADER, forged)
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.body(Lines.lines(FakeInventory.get().product(10), 1))
			.exchange(), 401);

		assertThat(this.shop.orders(mallory)).isZero();
	}

	/** What TestIdentity signs, with a secret the service does not know. */
	private static String signedWithAnotherKey(String user) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("statewise-gateway")
			.subject(user)
			.claim("roles", List.of("customer"))
			.expirationTime(new Date(System.currentTimeMillis() + 60_000))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("test").build(), claims);
		token.sign(new MACSigner(Base64.getDecoder().decode("c29tZS1vdGhlci1zZWNyZXQtdGhhdC1pcy1sb25nLWVub3VnaA==")));
		return token.serialize();
	}

}
