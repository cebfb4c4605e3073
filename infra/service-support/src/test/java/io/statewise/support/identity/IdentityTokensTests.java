package io.statewise.support.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jwt.SignedJWT;
import io.statewise.support.identity.IdentityTokens.InvalidIdentityException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentityTokensTests {

	private static final String OLD = "old:" + secret('o');

	private static final String NEW = "new:" + secret('n');

	private static final Caller ADA = new Caller("ada", List.of("customer", "admin"));

	@Test
	void aSignedIdentityShouldVerifyAsTheSameCaller() {
		IdentityTokens tokens = tokens(List.of(OLD), "old", Clock.systemUTC());
		assertThat(tokens.verify(tokens.sign(ADA))).isEqualTo(ADA);
	}

	@Test
	void rotationShouldAcceptBothKeysWhileBothAreListed() {
		IdentityTokens before = tokens(List.of(OLD), "old", Clock.systemUTC());
		IdentityTokens during = tokens(List.of(OLD, NEW), "new", Clock.systemUTC());
		IdentityTokens after = tokens(List.of(NEW), "new", Clock.systemUTC());

		assertThat(during.verify(before.sign(ADA))).isEqualTo(ADA);
		assertThat(after.verify(during.sign(ADA))).isEqualTo(ADA);
		assertThatExceptionOfType(InvalidIdentityException.class).isThrownBy(() -> after.verify(before.sign(ADA)));
	}

	@Test
	void anExpiredIdentityShouldBeRefused() {
		Instant signedAt = Instant.parse("2026-12-01T10:00:00Z");
		String token = tokens(List.of(OLD), "old", Clock.fixed(signedAt, ZoneOffset.UTC)).sign(ADA);
		Clock later = Clock.fixed(signedAt.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);

		assertThatExceptionOfType(InvalidIdentityException.class)
			.isThrownBy(() -> tokens(List.of(OLD), "old", later).verify(token));
	}

	@Test
	void anUnsignedOrTamperedIdentityShouldBeRefused() throws Exception {
		IdentityTokens tokens = tokens(List.of(OLD), "old", Clock.systemUTC());
		SignedJWT signed = SignedJWT.parse(tokens.sign(ADA));
		String[] parts = signed.serialize().split("\\.");
		String otherPayload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					"{\"iss\":\"statewise-gateway\",\"sub\":\"mallory\",\"roles\":[\"admin\"],\"exp\":9999999999}"
						.getBytes());
		String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
				+ otherPayload + ".";

		assertThatExceptionOfType(InvalidIdentityException.class)
			.isThrownBy(() -> tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]));
		assertThatExceptionOfType(InvalidIdentityException.class).isThrownBy(() -> tokens.verify(unsigned));
		assertThatExceptionOfType(InvalidIdentityException.class).isThrownBy(() -> tokens.verify("not a token"));
	}

	@Test
	void withoutKeysNothingShouldVerify() {
		IdentityTokens signer = tokens(List.of(OLD), "old", Clock.systemUTC());
		IdentityTokens none = tokens(List.of(), null, Clock.systemUTC());

		assertThat(none.canVerify()).isFalse();
		assertThatExceptionOfType(InvalidIdentityException.class).isThrownBy(() -> none.verify(signer.sign(ADA)));
	}

	private static IdentityTokens tokens(List<String> keys, String signingKey, Clock clock) {
		return new IdentityTokens(new IdentityProperties(keys, signingKey, Duration.ofSeconds(30)), clock);
	}

	private static String secret(char fill) {
		return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
	}

}
