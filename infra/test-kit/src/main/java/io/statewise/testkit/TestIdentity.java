package io.statewise.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The signed caller identity the gateway would send (docs/adr/0013), for tests that call
 * a service directly. {@link TestDefaults} configures every test context with
 * {@link #KEYS}, so the service under test verifies what this signs. The claims are those
 * of service-support's {@code IdentityTokens} (which this module cannot depend on): if
 * they drifted apart, every test calling a service as a user would get 401.
 */
public final class TestIdentity {

	/** The request header, as {@code IdentityTokens.HEADER}. */
	public static final String HEADER = "X-Statewise-Identity";

	static final String KEY_ID = "test";

	private static final byte[] SECRET = "statewise-test-identity-key-0123456789abcdef"
		.getBytes(StandardCharsets.US_ASCII);

	/** {@code statewise.identity.keys} for tests. */
	public static final String KEYS = KEY_ID + ":" + Base64.getEncoder().encodeToString(SECRET);

	private TestIdentity() {
	}

	/** {@code X-Statewise-Identity} for a user with roles, valid for a minute. */
	public static String of(String userId, String... roles) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("statewise-gateway")
			.subject(userId)
			.claim("roles", List.of(roles))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY_ID).build(), claims);
		try {
			token.sign(new MACSigner(SECRET));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return token.serialize();
	}

}
