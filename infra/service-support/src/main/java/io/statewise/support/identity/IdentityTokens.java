package io.statewise.support.identity;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * Signs and verifies the caller identity the gateway passes to services in
 * {@value #HEADER}: a JWT (HS256) with the user id as subject, the roles, and a lifetime
 * of one request. Nimbus JOSE + JWT does the cryptography; this class only fixes the
 * claims and the key ring (docs/adr/0013).
 */
public final class IdentityTokens {

	/** The request header that carries the signed identity. */
	public static final String HEADER = "X-Statewise-Identity";

	static final String ISSUER = "statewise-gateway";

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	private final Map<String, byte[]> keys = new LinkedHashMap<>();

	private final @Nullable String signingKey;

	private final Duration ttl;

	private final Clock clock;

	public IdentityTokens(IdentityProperties properties) {
		this(properties, Clock.systemUTC());
	}

	IdentityTokens(IdentityProperties properties, Clock clock) {
		for (String entry : properties.keys()) {
			int colon = entry.indexOf(':');
			if (colon < 1) {
				throw new IllegalArgumentException("statewise.identity.keys entries are id:base64-secret");
			}
			byte[] secret = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
			if (secret.length < 32) {
				throw new IllegalArgumentException(
						"The identity key '" + entry.substring(0, colon) + "' is shorter than 256 bits");
			}
			this.keys.put(entry.substring(0, colon).strip(), secret);
		}
		if (properties.signingKey() != null && !properties.signingKey().isBlank()
				&& !this.keys.containsKey(properties.signingKey())) {
			throw new IllegalArgumentException(
					"statewise.identity.signing-key names no key in statewise.identity.keys");
		}
		this.signingKey = properties.signingKey();
		this.ttl = properties.ttl();
		this.clock = clock;
	}

	/** True when identities can be verified (any key is configured). */
	public boolean canVerify() {
		return !this.keys.isEmpty();
	}

	/** A signed identity for one request. */
	public String sign(Caller caller) {
		if (this.signingKey == null || !this.keys.containsKey(this.signingKey)) {
			throw new IllegalStateException("No statewise.identity.signing-key: identities cannot be signed");
		}
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(caller.userId())
			.claim("roles", caller.roles())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.ttl)))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.signingKey).build(),
				claims);
		try {
			token.sign(new MACSigner(this.keys.get(this.signingKey)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing an identity failed", ex);
		}
		return token.serialize();
	}

	/**
	 * The caller a signed identity names; {@link InvalidIdentityException} if it does not
	 * hold.
	 */
	public Caller verify(String serialized) {
		try {
			SignedJWT token = SignedJWT.parse(serialized);
			byte[] key = (token.getHeader().getKeyID() != null) ? this.keys.get(token.getHeader().getKeyID()) : null;
			if (!JWSAlgorithm.HS256.equals(token.getHeader().getAlgorithm()) || key == null
					|| !token.verify(new MACVerifier(key))) {
				throw new InvalidIdentityException("not signed by a known key");
			}
			JWTClaimsSet claims = token.getJWTClaimsSet();
			Instant now = this.clock.instant();
			if (!ISSUER.equals(claims.getIssuer()) || claims.getExpirationTime() == null
					|| now.minus(CLOCK_SKEW).isAfter(claims.getExpirationTime().toInstant())
					|| claims.getSubject() == null || claims.getSubject().isBlank()) {
				throw new InvalidIdentityException("expired or incomplete");
			}
			List<String> roles = claims.getStringListClaim("roles");
			return new Caller(claims.getSubject(), (roles != null) ? roles : List.of());
		}
		catch (ParseException | JOSEException ex) {
			throw new InvalidIdentityException("malformed");
		}
	}

	/** A signed identity that does not hold: forged, expired, or from an unknown key. */
	public static final class InvalidIdentityException extends RuntimeException {

		InvalidIdentityException(String reason) {
			super("The caller identity is " + reason + ".");
		}

	}

}
