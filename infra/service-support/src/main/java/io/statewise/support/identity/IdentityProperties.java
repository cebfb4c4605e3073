package io.statewise.support.identity;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.validation.annotation.Validated;

/**
 * The keys that sign and verify caller identities (docs/adr/0013).
 *
 * @param keys {@code id:base64-secret} entries (at least 256 random bits each); every one
 * listed is accepted, so a key can be added everywhere before it is used and removed
 * after it is no longer used: rotation without downtime
 * @param signingKey the id of the key the gateway signs with
 * @param ttl how long a signed identity is valid: one request's life
 */
@ConfigurationProperties("statewise.identity")
@Validated
public record IdentityProperties(@DefaultValue List<@NotBlank String> keys, @Nullable String signingKey,
		@DefaultValue("30s") @DurationMin(seconds = 1) Duration ttl) {

}
